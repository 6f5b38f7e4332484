// Package testkit is what the project's tests share, and nothing else uses:
//
//   - tools.go finds the command-line tools the tests check outputs with
//     (poppler's pdftotext, pdffonts and pdftoppm, qpdf, LibreOffice,
//     chromium, pandoc, yaml-language-server). A test that needs a missing
//     tool skips with a message, or fails when the environment variable
//     GEN_REQUIRE_TOOLS is set (CI sets it).
//   - lo.go renders DOCX files with LibreOffice and reads the result back:
//     a fontconfig file that makes the project's free fonts visible under
//     the official family names, one headless soffice run for many files,
//     and the text lines of a PDF with their positions (pdftotext
//     -bbox-layout); ink.go finds printed ink in a rendered page; compat.go
//     works around a LibreOffice import quirk.
//   - fuzz.go builds inputs for the fuzz targets of the layout and the
//     exporters: reports made from fuzzed text, and seeds from the examples.
//
// It lives in the module's internal/ folder so that every package's tests
// (cmd/gen and examples/ included) can import it and no other module can.
package testkit
