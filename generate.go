package lapkit

//go:generate go run ./internal/cmd/gendata -out testdata
