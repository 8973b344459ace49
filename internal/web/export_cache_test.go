package web

// Cache is the page cache with int64 stamps, for the cache's own tests.
type Cache struct{ c cache[int64, string] }

// NewCache returns a page cache whose values hold while their stamp is
// the stamp asked at.
func NewCache() *Cache {
	return &Cache{cache[int64, string]{fresh: func(kept, now int64) bool { return kept == now }}}
}

// Get is cache.get.
func (c *Cache) Get(key string, now int64, build func() (string, int64, error)) (string, error) {
	return c.c.get(key, now, build)
}
