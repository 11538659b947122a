// Package xk6 registers the k6 JavaScript module k6/x/outagesim. Import it
// for its side effect into a k6 binary (cmd/k6-outagesim does, and so does
// `xk6 build --with github.com/outagesim/outagesim/xk6`).
//
// The package holds nothing but the registration; the module lives in
// package outagesim below it. See docs/k6.md and index.d.ts for the JS API.
package xk6
