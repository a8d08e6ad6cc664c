package ingest

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// deflatedRun returns a zlib stream that inflates to n MiB of byte c,
// built from one repeated deflate segment so that a gigabyte costs a few
// milliseconds and about a megabyte to build.
func deflatedRun(t testing.TB, c byte, n int) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := flate.NewWriter(&b, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte{c}, 1<<20)
	var marks [3]int
	for i := range marks {
		w.Write(chunk)
		w.Flush()
		marks[i] = b.Len()
	}
	first, seg := b.Bytes()[:marks[0]], b.Bytes()[marks[0]:marks[1]]
	if !bytes.Equal(seg, b.Bytes()[marks[1]:marks[2]]) {
		t.Fatal("deflate segments of a run differ; cannot repeat one")
	}
	w.Close()
	tail := b.Bytes()[marks[2]:]
	var out bytes.Buffer
	out.Write([]byte{0x78, 0x9c})
	out.Write(first)
	for range n - 1 {
		out.Write(seg)
	}
	out.Write(tail)
	// Adler-32 of N bytes c, in closed form: A = 1 + cN and
	// B = N + c·N(N+1)/2, both mod 65521.
	const mod = 65521
	N := uint64(n) << 20
	a := (1 + uint64(c)*(N%mod)) % mod
	s := (N%mod + uint64(c)*((N*(N+1)/2)%mod)) % mod
	binary.Write(&out, binary.BigEndian, uint32(s<<16|a))
	return out.Bytes()
}

// flatePDF is a one-page PDF whose content stream is the given zlib data,
// plus, when image is set, an image XObject stream of that data.
func flatePDF(content, image []byte) []byte {
	objs := [][]byte{
		[]byte("<< /Type /Catalog /Pages 2 0 R >>"),
		[]byte("<< /Type /Pages /Kids [4 0 R] /Count 1 >>"),
		[]byte("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
		[]byte("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 6 0 R >> >> /Contents 5 0 R >>"),
		append(append([]byte(fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n", len(content))), content...), "\nendstream"...),
	}
	if image != nil {
		objs = append(objs, append(append([]byte(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width 1024 /Height 1024 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length %d /Filter /FlateDecode >>\nstream\n", len(image))), image...), "\nendstream"...))
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", i+1)
		b.Write(o)
		b.WriteString("\nendobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func zlibOf(t *testing.T, s string) []byte {
	t.Helper()
	return deflatedOnce(t, []byte(s))
}

func deflatedOnce(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.DefaultCompression)
	w.Write(data)
	w.Close()
	var a, s uint32 = 1, 0
	for _, c := range data {
		a = (a + uint32(c)) % 65521
		s = (s + a) % 65521
	}
	out := append([]byte{0x78, 0x9c}, b.Bytes()...)
	return binary.BigEndian.AppendUint32(out, s<<16|a)
}

// TestReadPDFBomb feeds PDFs of a few megabytes whose streams inflate to
// gigabytes: Read must refuse them naming the file, without allocating
// anything near what they inflate to. Without the cap, the run of letters
// becomes one multi-gigabyte token in the PDF library and the run of NULs
// gigabytes of white space to lex.
func TestReadPDFBomb(t *testing.T) {
	tests := []struct {
		name string
		c    byte
		mib  int
	}{
		{"2 GiB of NULs", 0, 2048},
		{"1 GiB of one letter", 'a', 1024},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pdf := flatePDF(deflatedRun(t, tt.c, tt.mib), nil)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := Read("bomb.pdf", pdf)
			runtime.ReadMemStats(&after)
			if err == nil || !strings.Contains(err.Error(), "bomb.pdf") || !strings.Contains(err.Error(), "decompress") {
				t.Fatalf("Read(bomb.pdf, %d-byte PDF) error = %v, want one naming the file and the decompression", len(pdf), err)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
				t.Errorf("Read(bomb.pdf) allocated %d MiB refusing it, want under 64", alloc>>20)
			}
		})
	}
}

// TestReadPDFInflatedWithinLimit: the cap does not refuse what is fine — a
// compressed page of text, and a large image the PDF library never reads.
func TestReadPDFInflatedWithinLimit(t *testing.T) {
	page := "BT /F1 11 Tf 72 720 Td 14 TL (The ministers met in Strelsau on 3 May 2024.) Tj T* ET"
	tests := []struct {
		name  string
		image []byte
	}{
		{"compressed text", nil},
		{"image bigger than the cap", deflatedRun(t, 0, maxPDFInflated>>20+16)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read("ok.pdf", flatePDF(zlibOf(t, page), tt.image))
			if err != nil {
				t.Fatalf("Read(ok.pdf) error: %v", err)
			}
			if !strings.Contains(doc.Text, "The ministers met in Strelsau") {
				t.Errorf("Read(ok.pdf).Text = %q", doc.Text)
			}
		})
	}
}

func TestCheckInflated(t *testing.T) {
	text := zlibOf(t, strings.Repeat("x", 3000))
	// The same two streams, the second a form the library would read.
	form := bytes.Replace(flatePDF(text, text), []byte("/Subtype /Image"), []byte("/Subtype /Form"), 1)
	tests := []struct {
		name    string
		pdf     []byte
		limit   int64
		wantErr bool
	}{
		{"under the limit", flatePDF(text, nil), 4000, false},
		{"over the limit", flatePDF(text, nil), 2000, true},
		{"two streams add up", form, 5000, true},
		{"image not counted", flatePDF(text, text), 4000, false},
		{"broken stream left to the library", flatePDF([]byte("not zlib at all"), nil), 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkInflated(tt.pdf, tt.limit)
			if (err != nil) != tt.wantErr {
				t.Errorf("checkInflated(limit %d) = %v, want error %v", tt.limit, err, tt.wantErr)
			}
		})
	}
}
