package scenarios

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"slices"

	"go.yaml.in/yaml/v3"
)

// Marshal writes the scenario as YAML, with its extends chain resolved (the
// result stands alone) and fields in the order of the reference. Loading
// the result gives a scenario equal to s. Comments are not kept.
func (s *Scenario) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(encodeStruct(*s)); err != nil {
		return nil, fmt.Errorf("scenarios: writing %s: %w", s.Name, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("scenarios: writing %s: %w", s.Name, err)
	}
	return buf.Bytes(), nil
}

// Save writes the scenario to the file path (see Marshal).
func (s *Scenario) Save(path string) error {
	data, err := s.Marshal()
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

var encoderType = reflect.TypeFor[nodeEncoder]()

// encodeStruct writes a struct's fields as a mapping, leaving out those
// not set (nil pointers, slices and maps, empty strings, false).
func encodeStruct(x any) *yaml.Node {
	v := reflect.ValueOf(x)
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, f := range fieldsOf(v.Type()) {
		fv := v.FieldByIndex(f.index)
		switch fv.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map:
			if fv.IsNil() {
				continue
			}
		case reflect.String, reflect.Bool:
			if fv.IsZero() {
				continue
			}
		}
		n.Content = append(n.Content, scalarNode(f.name), encodeValue(fv))
	}
	return n
}

// encodeValue writes one value.
func encodeValue(v reflect.Value) *yaml.Node {
	if v.Kind() == reflect.Pointer {
		return encodeValue(v.Elem())
	}
	if v.Type().Implements(encoderType) {
		return v.Interface().(nodeEncoder).encodeNode()
	}
	switch v.Kind() {
	case reflect.Struct:
		n := encodeStruct(v.Interface())
		if len(n.Content) <= 8 && allScalars(n.Content) {
			n.Style = yaml.FlowStyle // small mappings of single values on one line
		}
		return n
	case reflect.Map:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		keys := make([]string, 0, v.Len())
		for _, k := range v.MapKeys() {
			keys = append(keys, k.String())
		}
		slices.Sort(keys)
		for _, k := range keys {
			n.Content = append(n.Content, scalarNode(k), encodeValue(v.MapIndex(reflect.ValueOf(k))))
		}
		return n
	case reflect.Slice:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for i := range v.Len() {
			e := encodeValue(v.Index(i))
			if e.Kind != yaml.ScalarNode {
				n.Style = 0
			}
			n.Content = append(n.Content, e)
		}
		if len(n.Content) == 0 || allScalars(n.Content) {
			n.Style = yaml.FlowStyle
		}
		return n
	case reflect.String:
		return scalarNode(v.String())
	case reflect.Bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(v.Bool())}
	case reflect.Int, reflect.Int64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: fmt.Sprint(v.Int())}
	case reflect.Uint64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: fmt.Sprint(v.Uint())}
	case reflect.Float64:
		return numberNode(v.Float())
	}
	panic(fmt.Sprintf("scenarios: no encoding for %v", v.Type())) // a bug in the types, not in the input
}

func allScalars(ns []*yaml.Node) bool {
	for _, n := range ns {
		if n.Kind != yaml.ScalarNode {
			return false
		}
	}
	return true
}
