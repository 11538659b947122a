package xk6

import (
	"go.k6.io/k6/js/modules"

	"github.com/outagesim/outagesim/xk6/outagesim"
)

// ImportPath is the name scripts import the module by.
const ImportPath = "k6/x/outagesim"

func init() {
	modules.Register(ImportPath, outagesim.New())
}
