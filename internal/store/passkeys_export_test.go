package store

import "context"

// RemoveUserForTest deletes an account row through the store's own
// connections (foreign keys on), as removing an account will.
func (s *Store) RemoveUserForTest(ctx context.Context, id string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM users WHERE id = $1`, id)
	return err
}
