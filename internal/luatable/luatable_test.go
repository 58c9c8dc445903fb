package luatable_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/minioscript/minioscript/internal/luatable"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{"AccessKey": "access_key", "CAFile": "ca_file", "DeploymentID": "deployment_id",
		"UpdateURL": "update_url", "UserDN": "user_dn", "KDF": "kdf", "BucketBandwidthUpdatedAt": "bucket_bandwidth_updated_at"} {
		if got := luatable.Snake(in); got != want {
			t.Errorf("Snake(%q) = %q, want %q", in, got, want)
		}
	}
}

type inner struct {
	Status string `lua:",as=upper"`
	Tags   []string
}

type outer struct {
	Name    string `lua:",required"`
	Count   int
	Size    uint64
	Ratio   float64
	On      bool
	Quota   *uint64
	Items   map[string]inner
	List    []inner
	Renamed string `lua:"other_name"`
	Skipped string `lua:"-"`
}

var dec = &luatable.Decoder{Named: map[string]luatable.Conv{
	"upper": func(_ *lua.LState, v lua.LValue) (any, error) {
		s, ok := v.(lua.LString)
		if !ok {
			return nil, luatable.ErrType("string", v)
		}
		return strings.ToUpper(string(s)), nil
	},
}}

func decode(t *testing.T, code string) (outer, error) {
	t.Helper()
	L := lua.NewState()
	defer L.Close()
	if err := L.DoString("return " + code); err != nil {
		t.Fatal(err)
	}
	out := outer{Count: 7}
	err := dec.Decode(L, L.Get(-1), &out)
	return out, err
}

func TestDecode(t *testing.T) {
	got, err := decode(t, `{name = "n", size = 3, ratio = 0.5, on = true, quota = 0, other_name = "r",
		items = {a = {status = "on", tags = {}}}, list = {{tags = {"x", "y"}}}}`)
	if err != nil {
		t.Fatal(err)
	}
	zero := uint64(0)
	want := outer{Name: "n", Count: 7, Size: 3, Ratio: 0.5, On: true, Quota: &zero, Renamed: "r",
		Items: map[string]inner{"a": {Status: "ON", Tags: []string{}}}, List: []inner{{Tags: []string{"x", "y"}}}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	if got.Items["a"].Tags == nil {
		t.Error("an empty list given must not decode as nil (not given)")
	}
	if err := dec.Check(reflect.TypeFor[outer]()); err != nil {
		t.Error(err)
	}
	if err := (&luatable.Decoder{}).Check(reflect.TypeFor[outer]()); err == nil {
		t.Error("Check: a missing named converter must be reported")
	}
}

// Every refusal names the field by its path.
func TestDecodeErrors(t *testing.T) {
	for code, want := range map[string]string{
		`5`:                                        `table expected, got number`,
		`{}`:                                       `field 'name' is required`,
		`{name = "n", nmae = 1}`:                   `unknown field 'nmae' (want name, count, size, ratio, on, quota, items, list, other_name)`,
		`{name = "n", [1] = 1}`:                    `unknown field '1'`,
		`{name = "n", skipped = "x"}`:              `unknown field 'skipped'`,
		`{name = 5}`:                               `field 'name': string expected, got number`,
		`{name = "n", count = 1.5}`:                `field 'count': integer expected, got number`,
		`{name = "n", size = -1}`:                  `field 'size': non-negative integer expected, got number`,
		`{name = "n", on = "yes"}`:                 `field 'on': boolean expected, got string`,
		`{name = "n", quota = "1"}`:                `field 'quota': non-negative integer expected, got string`,
		`{name = "n", items = {a = 1}}`:            `field 'items.a': table expected, got number`,
		`{name = "n", items = {a = {s = 1}}}`:      `unknown field 'items.a.s' (want status, tags)`,
		`{name = "n", items = {a = {status = 1}}}`: `field 'items.a.status': string expected, got number`,
		`{name = "n", items = {"x"}}`:              `field 'items': keys are names, got number`,
		`{name = "n", list = {{tags = {1}}}}`:      `field 'list[1].tags[1]': string expected, got number`,
		`{name = "n", list = {x = {}}}`:            `field 'list': a list expected`,
	} {
		_, err := decode(t, code)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", code, err, want)
		}
	}
	_, err := decode(t, `{name = 5}`)
	var le *luatable.Error
	if !errors.As(err, &le) || le.Path != "name" {
		t.Errorf("want a *luatable.Error at name, got %#v", err)
	}
}
