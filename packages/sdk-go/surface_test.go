package distillery

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// docs/sdk-surface.md lists every public method of the three SDKs under one name per operation.
// These tests check its Go column against Client, both ways: each listed name is a method reachable
// from a Client, and each method of the Client's services is listed (as a method or a deprecated
// alias, whose doc comment must say "Deprecated:"). The TypeScript and Python SDKs check their
// columns the same way (packages/sdk/test/surface.test.ts, packages/sdk-python/tests/test_surface.py).

// surfaceColumn returns the column cells of the table under "## heading", backticks removed, "—" left out.
func surfaceColumn(t *testing.T, heading, column string) []string {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "sdk-surface.md"))
	if err != nil {
		t.Fatal(err)
	}
	var section string
	for _, s := range strings.Split(string(doc), "\n## ") {
		if strings.HasPrefix(s, heading+"\n") {
			section = s
		}
	}
	if section == "" {
		t.Fatalf("docs/sdk-surface.md has no %q", "## "+heading)
	}
	var rows [][]string
	for _, line := range strings.Split(section, "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		rows = append(rows, cells)
	}
	index := slices.Index(rows[0], column)
	if index < 0 {
		t.Fatalf("%q has no %s column", heading, column)
	}
	var names []string
	for _, row := range rows[2:] {
		if cell := row[index]; cell != "—" {
			names = append(names, strings.Trim(cell, "`"))
		}
	}
	return names
}

// clientMethods maps every method reachable from a Client's services ("client.FineTuning.Jobs.Create")
// to its receiver and name ("FineTuningJobsService.Create"). API, the generated client, is not a service.
func clientMethods() map[string]string {
	found := map[string]string{}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		for i := range v.Type().NumMethod() {
			m := v.Type().Method(i)
			found[path+"."+m.Name] = v.Type().Elem().Name() + "." + m.Name
		}
		s := v.Elem()
		for i := range s.NumField() {
			f := s.Type().Field(i)
			if f.IsExported() && f.Type.Kind() == reflect.Pointer && strings.HasSuffix(f.Type.Elem().Name(), "Service") {
				walk(s.Field(i), path+"."+f.Name)
			}
		}
	}
	client := reflect.ValueOf(New(Config{BaseURL: "http://127.0.0.1:9"})).Elem()
	for i := range client.NumField() {
		if f := client.Type().Field(i); f.Name != "API" {
			walk(client.Field(i), "client."+f.Name)
		}
	}
	return found
}

// deprecatedMethods lists "Receiver.Method" for every method whose doc comment says "Deprecated:".
func deprecatedMethods(t *testing.T) map[string]bool {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	deprecated := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range file.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || fn.Doc == nil || !strings.Contains(fn.Doc.Text(), "\nDeprecated: ") {
				continue
			}
			receiver := fn.Recv.List[0].Type
			if star, ok := receiver.(*ast.StarExpr); ok {
				receiver = star.X
			}
			deprecated[receiver.(*ast.Ident).Name+"."+fn.Name.Name] = true
		}
	}
	return deprecated
}

func TestSurfaceDocListsTheClientsMethods(t *testing.T) {
	listed := surfaceColumn(t, "Methods", "Go")
	aliases := surfaceColumn(t, "Deprecated aliases", "Go")
	methods := clientMethods()
	deprecated := deprecatedMethods(t)
	if len(listed) < 30 {
		t.Fatalf("only %d Go names listed", len(listed))
	}
	for _, name := range listed {
		if method, ok := methods[name]; !ok {
			t.Errorf("%s is listed but is no method of Client", name)
		} else if deprecated[method] {
			t.Errorf("%s is listed as current but its doc says Deprecated", name)
		}
	}
	for _, name := range aliases {
		if method, ok := methods[name]; !ok {
			t.Errorf("deprecated alias %s is no method of Client", name)
		} else if !deprecated[method] {
			t.Errorf("%s is listed as deprecated but its doc comment has no \"Deprecated:\" paragraph", name)
		}
	}
	for name := range methods {
		if !slices.Contains(listed, name) && !slices.Contains(aliases, name) {
			t.Errorf("%s is a method of Client that docs/sdk-surface.md does not list", name)
		}
	}
}

func TestWaitForCompletionDocumentsPollInterval(t *testing.T) {
	for _, name := range []string{"jobs.go", "finetuning.go", "wait.go"} {
		file, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Name.Name == "WaitForCompletion" && (n.Doc == nil || !strings.Contains(n.Doc.Text(), "opts.PollInterval (default 5 s)")) {
					t.Errorf("%s: WaitForCompletion's doc does not document opts.PollInterval", name)
				}
			case *ast.Field:
				if len(n.Names) == 1 && n.Names[0].Name == "PollInterval" && (n.Doc == nil || !strings.Contains(n.Doc.Text(), "default of 5 s")) {
					t.Errorf("%s: WaitOptions.PollInterval has no doc with its default", name)
				}
			}
			return true
		})
	}
}
