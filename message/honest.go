package message

// All returns every entry of the table, keyed by message key: for checks
// over the words themselves, such as the test that no text copies the seed
// articles (catalog/seeds_test.go).
func All() map[Key]string {
	out := map[Key]string{}
	for _, m := range english {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}
