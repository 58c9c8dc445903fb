package admin_test

import (
	"encoding/json"
	"testing"

	"github.com/minioscript/minioscript/admin"
)

// A zip from the network never panics the parser, and whatever it accepts builds a zip
// that parses back to the same snapshot.
func FuzzParseIAMZip(f *testing.F) {
	seed, err := (&admin.IAMSnapshot{
		Users:         map[string]admin.IAMUser{"ann": {SecretKey: "ann-secret-1", Status: "enabled"}},
		Groups:        map[string]admin.IAMGroup{"devs": {Members: []string{"ann"}}},
		GroupMappings: map[string]admin.IAMMapping{"devs": {Policy: "readonly"}},
	}).Zip()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte("PK\x05\x06" + string(make([]byte, 18))))
	f.Add([]byte("not a zip"))
	f.Fuzz(func(t *testing.T, data []byte) {
		snap, err := admin.ParseIAMZip(data)
		if err != nil {
			return
		}
		again, err := snap.Zip()
		if err != nil {
			t.Fatal(err)
		}
		back, err := admin.ParseIAMZip(again)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := json.Marshal(snap)
		b, _ := json.Marshal(back)
		if string(a) != string(b) {
			t.Fatalf("round trip changed the snapshot:\n%s\n%s", a, b)
		}
	})
}

// Canonical form is a fixed point: documents that mean the same compare equal however
// often they are normalised.
func FuzzCanonicalPolicy(f *testing.F) {
	f.Add(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:PutObject","s3:GetObject"],"Resource":"arn:aws:s3:::b/*"}]}`)
	f.Add(`{"Statement":{"Sid":"","Effect":"Deny","NotAction":"s3:*","Condition":{"StringEquals":{"aws:username":"bob"}}}}`)
	f.Add(`{"Statement":[{"Action":[1,"a"]}]}`)
	f.Add(`not json`)
	f.Fuzz(func(t *testing.T, doc string) {
		once := admin.CanonicalPolicy([]byte(doc))
		if twice := admin.CanonicalPolicy([]byte(once)); twice != once {
			t.Fatalf("not a fixed point:\n%s\n%s", once, twice)
		}
	})
}
