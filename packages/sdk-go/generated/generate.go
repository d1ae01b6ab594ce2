// Package generated is the Distillery API client produced by oapi-codegen from
// openapi/distillery.yaml. Never edit it by hand: run `go generate ./...` (or
// `npm run generate -w @distillery/sdk-go`) after changing the spec.
package generated

// The version is pinned here rather than in go.mod so that the SDK's users do not inherit the
// generator's dependencies. oapi-codegen v2.8 reads this OpenAPI 3.1 spec as it is.
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen@v2.8.2 -config oapi-codegen.yaml -o distillery.gen.go ../../../openapi/distillery.yaml
