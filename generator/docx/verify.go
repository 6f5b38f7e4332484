package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/gongwen/gen/generator/model"
	"github.com/gongwen/gen/generator/tmpl"
)

const (
	nsRel  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsW    = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsPkgR = "http://schemas.openxmlformats.org/package/2006/relationships"
)

// Validate checks a DOCX template (a --template folder, with the templates
// it extends): every required part present, every part template parses,
// and rendering a sample report that uses every element gives well-formed
// XML and a structurally sound document. Errors name the template file and
// line.
func Validate(t *tmpl.Template) error {
	c, err := compileUncached(t)
	if err != nil {
		return err
	}
	d := newData(SampleReport(), &t.Layout, Options{Created: time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC)})
	parts, err := c.render(d, nil)
	if err != nil {
		return err
	}
	var errs []error
	for _, p := range parts {
		if err := checkXML(p.data); err != nil {
			errs = append(errs, p.locate(err))
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	b, err := assemble(parts)
	if err != nil {
		return err
	}
	if err := Verify(b); err != nil {
		return fmt.Errorf("模板 %s 生成的文档结构有误（template yields a broken document）:\n%w", t.Name, err)
	}
	return nil
}

// locate names the template file of a part and the line of an XML error in
// it (for a part template, the line of its rendering).
func (p renderedPart) locate(err error) error {
	var se *xml.SyntaxError
	if !errors.As(err, &se) {
		return fmt.Errorf("%s: %w", p.src.display(), err)
	}
	if !p.templated {
		return fmt.Errorf("%s:%d: XML 格式错误（not well-formed）: %s", p.src.display(), se.Line, se.Msg)
	}
	lines := strings.Split(string(p.data), "\n")
	snippet := ""
	if se.Line >= 1 && se.Line <= len(lines) {
		snippet = lines[se.Line-1]
		if r := []rune(snippet); len(r) > 120 {
			snippet = string(r[:120]) + "…"
		}
	}
	return fmt.Errorf("%s: 渲染结果第 %d 行 XML 格式错误（rendered line %d not well-formed）: %s: %s", p.src.display(), se.Line, se.Line, se.Msg, snippet)
}

// checkXML reports the first well-formedness error of an XML document.
func checkXML(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	root := 0
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				root++
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && len(bytes.TrimSpace(tok.(xml.CharData))) > 0 {
				line, _ := dec.InputPos()
				return &xml.SyntaxError{Msg: "text outside the root element", Line: line}
			}
		}
	}
	if root != 1 {
		return &xml.SyntaxError{Msg: fmt.Sprintf("%d root elements", root), Line: 1}
	}
	return nil
}

// Verify checks the structure of a DOCX file: every part is well-formed XML
// (binary parts aside), every part has a content type and every override
// names a part, every relationship target exists, no part is unreferenced,
// every r:id used in a part is one of its relationships, and every style
// the document uses is defined with a name.
func Verify(docx []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		return fmt.Errorf("不是 ZIP 文件（not a zip file）: %w", err)
	}
	parts := map[string][]byte{}
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	for _, f := range zr.File {
		if _, dup := parts[f.Name]; dup {
			bad("%s: 重复的部件（duplicate part）", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		parts[f.Name] = b
	}
	ctData, ok := parts[contentTypesPart]
	if !ok {
		return errors.New("缺少 [Content_Types].xml（no content types）")
	}
	var ct struct {
		Defaults []struct {
			Ext string `xml:"Extension,attr"`
			CT  string `xml:"ContentType,attr"`
		} `xml:"Default"`
		Overrides []struct {
			Part string `xml:"PartName,attr"`
			CT   string `xml:"ContentType,attr"`
		} `xml:"Override"`
	}
	if err := xml.Unmarshal(ctData, &ct); err != nil {
		return fmt.Errorf("%s: %w", contentTypesPart, err)
	}
	defaults := map[string]string{}
	for _, d := range ct.Defaults {
		defaults[strings.ToLower(d.Ext)] = d.CT
	}
	types := map[string]string{}
	for _, o := range ct.Overrides {
		name := strings.TrimPrefix(o.Part, "/")
		if _, ok := parts[name]; !ok {
			bad("%s: Override 指向不存在的部件 %s（override for a missing part）", contentTypesPart, o.Part)
		}
		types[name] = o.CT
	}
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if n == contentTypesPart {
			if err := checkXML(parts[n]); err != nil {
				bad("%s: %v", n, err)
			}
			continue
		}
		t, ok := types[n]
		if !ok {
			t, ok = defaults[strings.ToLower(strings.TrimPrefix(path.Ext(n), "."))]
		}
		if !ok {
			bad("%s: 没有内容类型（no content type）", n)
			continue
		}
		if strings.HasSuffix(t, "xml") {
			if err := checkXML(parts[n]); err != nil {
				bad("%s: %v", n, err)
			}
		}
	}
	// relationships
	referenced := map[string]bool{}
	relIDs := map[string]map[string]string{} // source part → id → type
	for _, n := range names {
		if !strings.HasSuffix(n, ".rels") {
			continue
		}
		dir, file := path.Split(n)
		if path.Base(dir) != "_rels" {
			bad("%s: 关系部件不在 _rels 文件夹中（relationships part outside _rels）", n)
			continue
		}
		srcDir := path.Dir(strings.TrimSuffix(dir, "/"))
		source := path.Join(srcDir, strings.TrimSuffix(file, ".rels"))
		if srcDir == "." {
			srcDir = ""
			source = strings.TrimSuffix(file, ".rels")
		}
		if source != "" {
			if _, ok := parts[source]; !ok {
				bad("%s: 关系的来源部件 %s 不存在（relationships of a missing part）", n, source)
			}
		}
		var rels struct {
			R []struct {
				ID     string `xml:"Id,attr"`
				Type   string `xml:"Type,attr"`
				Target string `xml:"Target,attr"`
				Mode   string `xml:"TargetMode,attr"`
			} `xml:"Relationship"`
		}
		if err := xml.Unmarshal(parts[n], &rels); err != nil {
			bad("%s: %v", n, err)
			continue
		}
		ids := map[string]string{}
		for _, r := range rels.R {
			if _, dup := ids[r.ID]; dup || r.ID == "" {
				bad("%s: 关系 Id %q 为空或重复（empty or duplicate id）", n, r.ID)
			}
			ids[r.ID] = r.Type
			if r.Mode == "External" {
				continue
			}
			target := r.Target
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join(srcDir, target)
			}
			if _, ok := parts[target]; !ok {
				bad("%s: 关系 %s 指向不存在的部件 %s（dangling relationship）", n, r.ID, target)
				continue
			}
			referenced[target] = true
		}
		relIDs[source] = ids
	}
	for _, n := range names {
		if n == contentTypesPart || strings.HasSuffix(n, ".rels") {
			continue
		}
		if !referenced[n] {
			bad("%s: 没有任何关系引用此部件（unreferenced part）", n)
		}
	}
	// r:id attributes inside parts
	for _, n := range names {
		if n == contentTypesPart || strings.HasSuffix(n, ".rels") || !strings.HasSuffix(n, ".xml") {
			continue
		}
		for _, id := range relRefs(parts[n]) {
			if _, ok := relIDs[n][id]; !ok {
				bad("%s: 引用了不存在的关系 %s（dangling r:id）", n, id)
			}
		}
	}
	// styles
	if st, ok := parts["word/styles.xml"]; ok {
		defined, problems := styleDefs(st)
		errs = append(errs, problems...)
		for _, n := range names {
			if !strings.HasPrefix(n, "word/") || !strings.HasSuffix(n, ".xml") || n == "word/styles.xml" {
				continue
			}
			for _, u := range styleUses(parts[n]) {
				if _, ok := defined[u]; !ok {
					bad("%s: 使用了未定义的样式 %s（undefined style）", n, u)
				}
			}
		}
	} else {
		bad("缺少 word/styles.xml（no styles part）")
	}
	return errors.Join(errs...)
}

// relRefs lists the relationship ids a part refers to (attributes in the
// relationships namespace: r:id, r:embed, r:link …).
func relRefs(data []byte) []string {
	var out []string
	eachStart(data, func(se xml.StartElement) {
		for _, a := range se.Attr {
			if a.Name.Space == nsRel {
				out = append(out, a.Value)
			}
		}
	})
	return out
}

// eachStart calls fn for every start element of an XML part, until the
// end or the first token error (malformed parts are reported elsewhere).
func eachStart(data []byte, fn func(xml.StartElement)) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return
		}
		if se, ok := tok.(xml.StartElement); ok {
			fn(se)
		}
	}
}

// styleDefs returns the style ids styles.xml defines, and problems:
// styles without a name, and basedOn/next/link to undefined styles.
func styleDefs(data []byte) (map[string]string, []error) {
	var doc struct {
		Styles []struct {
			ID      string `xml:"styleId,attr"`
			Type    string `xml:"type,attr"`
			Name    val    `xml:"name"`
			BasedOn val    `xml:"basedOn"`
			Next    val    `xml:"next"`
			Link    val    `xml:"link"`
		} `xml:"style"`
	}
	var errs []error
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, []error{fmt.Errorf("word/styles.xml: %w", err)}
	}
	defined := map[string]string{}
	for _, s := range doc.Styles {
		if _, dup := defined[s.ID]; dup {
			errs = append(errs, fmt.Errorf("word/styles.xml: 样式 %s 重复定义（duplicate style）", s.ID))
		}
		defined[s.ID] = s.Name.Val
		if strings.TrimSpace(s.Name.Val) == "" {
			errs = append(errs, fmt.Errorf("word/styles.xml: 样式 %s 没有名称（style without a name）", s.ID))
		}
	}
	for _, s := range doc.Styles {
		for _, ref := range []string{s.BasedOn.Val, s.Next.Val, s.Link.Val} {
			if _, ok := defined[ref]; ref != "" && !ok {
				errs = append(errs, fmt.Errorf("word/styles.xml: 样式 %s 引用了未定义的样式 %s（undefined style）", s.ID, ref))
			}
		}
	}
	return defined, errs
}

type val struct {
	Val string `xml:"val,attr"`
}

// styleUses lists the style ids a part applies (pStyle, rStyle, tblStyle).
func styleUses(data []byte) []string {
	var out []string
	eachStart(data, func(se xml.StartElement) {
		if se.Name.Space != nsW {
			return
		}
		switch se.Name.Local {
		case "pStyle", "rStyle", "tblStyle":
			for _, a := range se.Attr {
				if a.Name.Local == "val" {
					out = append(out, a.Value)
				}
			}
		}
	})
	return out
}

// SampleReport is a report that uses every element the writer knows (all
// four heading levels standalone and run in, points, a table, attachments,
// signature and date) and text with XML special characters; Validate
// renders it.
func SampleReport() *model.Report {
	t := func(s string) model.Text { return model.Text{Value: s} }
	yes := true
	r := &model.Report{
		Agency:    t("民政局"),
		Issuer:    t("xx市xx区民政局"),
		Year:      2023,
		Title:     t("xx市xx区民政局关于2023年工作总结及2024年工作计划的报告（“R&D”<测试>）"),
		Recipient: t("区委、区政府"),
		Intro:     []model.Text{t("2023年，我局认真贯彻落实“民政为民”理念，A&B <c> 'd' \"e\"。")},
		Sections: []*model.Block{
			{Heading: t("2023年工作成效"), Text: []model.Text{t("今年，全局干部职工同心同德。")},
				Items: []*model.Block{
					{Heading: t("基本民生保障持续加强"), Items: []*model.Block{
						{Heading: t("进一步提高了保障标准"), Text: []model.Text{t("将城乡低保标准分别提高到xxx元/月。")},
							Items: []*model.Block{{Heading: t("细化措施"), RunIn: &yes, Text: []model.Text{t("逐项落实。")}}}},
					}},
					{Heading: t("养老服务"), Lead: t("主要做了以下工作："), Points: []model.Text{t("健全机制"), t("提升能力")}},
					{Heading: t("完成情况"), Table: &model.Table{Caption: t("表1 重点任务完成情况"),
						Columns: []model.Text{t("任务"), t("完成情况")},
						Rows:    [][]model.Text{{t("社会消费品零售总额增长x.x%"), t("完成 <100%> & 超额")}, {t("新增限上企业"), t("xx家")}}}},
				}},
		},
		Closing:     []model.Text{t("特此报告。")},
		Signature:   t("xx市xx区民政局"),
		Date:        &model.Date{Time: time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC)},
		Attachments: []model.Text{t("2023年民生实事完成情况表"), t("2024年重点工作任务清单")},
	}
	r.Resolve()
	return r
}
