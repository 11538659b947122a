package scenarios

import (
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/sim/model"
)

// ownFields lists a struct type's YAML fields, leaving out those of
// inlined structs (documented in their own section).
func ownFields(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if f.IsExported() && name != "-" && opts != "inline" {
			out = append(out, name)
		}
	}
	return out
}

// structTypes collects the struct types reachable from t.
func structTypes(t reflect.Type, seen map[string]reflect.Type) {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map:
		structTypes(t.Elem(), seen)
		return
	case reflect.Struct:
	default:
		return
	}
	if t == reflect.TypeFor[DateTime]() || t == reflect.TypeFor[When]() {
		return // written as single values: see "Writing values"
	}
	if _, ok := seen[t.Name()]; ok || len(fieldsOf(t)) == 0 {
		return
	}
	seen[t.Name()] = t
	for i := range t.NumField() {
		if t.Field(i).IsExported() {
			structTypes(t.Field(i).Type, seen)
		}
	}
}

// TestDocsListEveryField checks docs/scenarios.md against the types: each
// type has a "### Name" section whose table lists exactly its fields.
func TestDocsListEveryField(t *testing.T) {
	data, err := os.ReadFile("../docs/scenarios.md")
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string][]string{}
	var current string
	row := regexp.MustCompile("^\\| `([a-z_]+)` \\|")
	for _, line := range strings.Split(string(data), "\n") {
		if h, ok := strings.CutPrefix(line, "### "); ok {
			current = strings.TrimSpace(h)
			sections[current] = []string{}
			continue
		}
		if strings.HasPrefix(line, "## ") {
			current = ""
		}
		if m := row.FindStringSubmatch(line); m != nil && current != "" {
			sections[current] = append(sections[current], m[1])
		}
	}
	types := map[string]reflect.Type{}
	structTypes(reflect.TypeFor[Scenario](), types)
	for name, typ := range types {
		documented, ok := sections[name]
		if !ok {
			t.Errorf("docs/scenarios.md has no section \"### %s\"", name)
			continue
		}
		fields := ownFields(typ)
		for _, f := range fields {
			if !slices.Contains(documented, f) {
				t.Errorf("docs/scenarios.md § %s does not list field %s", name, f)
			}
		}
		for _, f := range documented {
			_, family := distParams[f] // the Dist section also tabulates the families
			if !slices.Contains(fields, f) && !(name == "Dist" && family) {
				t.Errorf("docs/scenarios.md § %s lists %s, which is not a field", name, f)
			}
		}
	}
	for name := range sections {
		if _, ok := types[name]; !ok {
			t.Errorf("docs/scenarios.md has a section \"### %s\" for no type", name)
		}
	}
}

// TestEnumFieldsMatchModel checks that the outcome, route and function
// fields are the model's names in the model's order.
func TestEnumFieldsMatchModel(t *testing.T) {
	for _, c := range []struct {
		typ  reflect.Type
		want []string
	}{
		{reflect.TypeFor[Dispositions](), model.DispositionNames()},
		{reflect.TypeFor[Systems](), model.FunctionNames()},
		{reflect.TypeFor[RouteSystems](), model.RouteNames()},
		{reflect.TypeFor[Routes](), append([]string{"all"}, model.RouteNames()...)},
	} {
		if got := ownFields(c.typ); !slices.Equal(got, c.want) {
			t.Errorf("%s fields %v, want %v", c.typ.Name(), got, c.want)
		}
	}
}
