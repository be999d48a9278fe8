//go:build tools

// Package tools pins the Pulumi CLI that scripts/pulumi-cli.sh builds. `go install pkg@version` refuses
// github.com/pulumi/pulumi/pkg/v3 because its go.mod has replace directives; a module of our own that
// requires it builds it. The Node.js language host (github.com/pulumi/pulumi/sdk/nodejs/cmd/
// pulumi-language-nodejs/v3) is not served by the Go module proxy reachable here, so it is not pinned:
// the package's langhost/ serves the same gRPC service (see the README, "With the Pulumi CLI").
package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
