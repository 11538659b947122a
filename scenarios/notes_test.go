package scenarios

import (
	"strings"
	"testing"
)

func TestNotesCarrySources(t *testing.T) {
	s, err := Load("adastra-2022")
	if err != nil {
		t.Fatal(err)
	}
	notes := s.Notes()
	byPath := map[string]Note{}
	for _, n := range notes {
		byPath[n.Path] = n
	}
	hf, ok := byPath["outage.contingency.handle_factor"]
	if !ok || hf.Value != "1.3" || !strings.Contains(hf.Source, "paper triage") || hf.File != "adastra-2022.yaml" {
		t.Errorf("handle factor note %+v", hf)
	}
	st, ok := byPath["outage.contingency.routes.all.sender_time"]
	if !ok || st.Value != "{dist: uniform, min: 5m, max: 10m}" {
		t.Errorf("sender time note %+v", st)
	}
	// Values inherited from baseline-2022 come first, the variant's own last.
	if notes[0].File != "baseline-2022.yaml" || notes[len(notes)-1].File != "adastra-2022.yaml" {
		t.Errorf("order: first from %s, last from %s", notes[0].File, notes[len(notes)-1].File)
	}
	if len(notes) < 40 {
		t.Errorf("only %d notes", len(notes))
	}
}

// A flow mapping written on one line keeps its comment as one note, under
// the mapping's path (a sensitivity helper once reported it missing: it
// was recorded, but its comment lacks the "assumption [E]" marker).
func TestNotesOfOneLineMapping(t *testing.T) {
	s, err := Load("textbook-erlang-c")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range s.Notes() {
		if n.Path == "nations.england.dispositions" {
			if n.Value != "{self_care: 100%}" || n.Source != "everything ends at the front door" || n.Line != 16 {
				t.Errorf("dispositions note %+v", n)
			}
			return
		}
	}
	t.Errorf("no note for nations.england.dispositions in %+v", s.Notes())
}
