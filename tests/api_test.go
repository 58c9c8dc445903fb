package tests

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path"
	"strconv"
	"strings"
	"testing"
)

// TestExportedAPIsUseNoInternalTypes: a Go program embedding the runtime can build what
// the binary builds only if no exported declaration of a public package names a type of
// an internal/ package, which it could not import.
func TestExportedAPIsUseNoInternalTypes(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.Dir}}{{range .GoFiles}} {{.}}{{end}}`, module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	fset := token.NewFileSet()
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		dir := fields[0]
		if strings.Contains(dir, "/internal/") || strings.HasSuffix(dir, "/internal") || strings.Contains(dir, "/third_party/") {
			continue
		}
		for _, name := range fields[1:] {
			f, err := parser.ParseFile(fset, path.Join(dir, name), nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			internal := map[string]string{}
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				if strings.Contains(p, "/internal/") {
					local := path.Base(p)
					if imp.Name != nil {
						local = imp.Name.Name
					}
					internal[local] = p
				}
			}
			if len(internal) == 0 {
				continue
			}
			check := func(where string, n ast.Node) {
				ast.Inspect(n, func(n ast.Node) bool {
					if sel, ok := n.(*ast.SelectorExpr); ok {
						if id, ok := sel.X.(*ast.Ident); ok && internal[id.Name] != "" {
							t.Errorf("%s: %s uses %s.%s (%s)", fset.Position(sel.Pos()), where, id.Name, sel.Sel.Name, internal[id.Name])
						}
					}
					return true
				})
			}
			for _, d := range f.Decls {
				switch d := d.(type) {
				case *ast.FuncDecl:
					if d.Name.IsExported() && (d.Recv == nil || exportedRecv(d.Recv)) {
						check(d.Name.Name, d.Type)
					}
				case *ast.GenDecl:
					for _, s := range d.Specs {
						switch s := s.(type) {
						case *ast.TypeSpec:
							if s.Name.IsExported() {
								checkType(s.Name.Name, s.Type, check)
							}
						case *ast.ValueSpec:
							for _, n := range s.Names {
								if n.IsExported() && s.Type != nil {
									check(n.Name, s.Type)
								}
							}
						}
					}
				}
			}
		}
	}
}

// checkType checks a type's exported parts: a struct's exported fields, an interface's
// methods, or the whole type otherwise.
func checkType(name string, typ ast.Expr, check func(string, ast.Node)) {
	st, ok := typ.(*ast.StructType)
	if !ok {
		check(name, typ)
		return
	}
	for _, fld := range st.Fields.List {
		for _, n := range fld.Names {
			if n.IsExported() {
				check(name+"."+n.Name, fld.Type)
			}
		}
		if len(fld.Names) == 0 {
			check(name+" (embedded)", fld.Type)
		}
	}
}

func exportedRecv(recv *ast.FieldList) bool {
	typ := recv.List[0].Type
	if star, ok := typ.(*ast.StarExpr); ok {
		typ = star.X
	}
	if idx, ok := typ.(*ast.IndexExpr); ok {
		typ = idx.X
	}
	id, ok := typ.(*ast.Ident)
	return ok && id.IsExported()
}
