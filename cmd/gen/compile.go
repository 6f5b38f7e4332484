package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/gongwen/gen/fonts"
	"github.com/gongwen/gen/generator/build"
	"github.com/gongwen/gen/generator/compile"
	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/internal/stamp"
	"github.com/spf13/cobra"
)

// runCompile is `gen --compile PATH...`: every report of the inputs (one
// compilation manifest, or any files, folders and globs) bound into one
// volume, written as one PDF and one DOCX named after the volume's title.
// A file that does not load stops the volume (exit 1, nothing written)
// unless --keep-going, which leaves it out, says so and still exits 1.
func runCompile(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		_ = cmd.Help()
		return usageErr(errors.New("请给出汇编文件或数据文件、文件夹、通配符（give a manifest or PATHs）"))
	}
	inBackground(load.Prepare) // on the other core, while the configuration and the template load
	cfg, err := loadConfig(cmd)
	if err != nil {
		return err
	}
	if err := cfg.checkStamp(); err != nil {
		return err
	}
	formats, err := cfg.formats()
	if err != nil {
		return err
	}
	lang := cfg.lang()
	duplex, _ := cmd.Flags().GetBool("duplex")
	keepGoing, _ := cmd.Flags().GetBool("keep-going")
	quiet, _ := cmd.Flags().GetBool("quiet")
	jsonOut, _ := cmd.Flags().GetBool("json")
	// The volume's files load on the other core while the template and
	// the fonts do.
	pre := build.StartCollect(args, cfg.limits())
	e, err := newEnv(cfg)
	if err != nil {
		return err
	}
	e.prepareDOCX(formats)
	set := e.fonts // the PDF's fonts: the whole volume is laid out with them
	msg := func(zh, en string, a ...any) string {
		if lang == "en" {
			return fmt.Sprintf(en, a...)
		}
		return fmt.Sprintf(zh, a...)
	}

	// Ctrl-C while the volume is written leaves no temporary file behind.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, err := build.RunVolume(ctx, build.VolumeOptions{
		Inputs: args, OutDir: cfg.v.GetString("out"), Formats: formats, Limits: cfg.limits(),
		Template: e.tpl, Fonts: set, Bind: compile.Options{Duplex: duplex}, KeepGoing: keepGoing,
		EmbedFonts: cfg.v.GetBool("embed_fonts"), FontFiles: fonts.FS, Created: stamp.Now(), Preload: pre,
	})
	problems := res.Problems
	if jsonOut {
		sum := build.NewVolumeSummary(cfg.v.GetString("out"))
		sum.Fill(res, err, lang)
		if perr := printJSON(sum); perr != nil {
			return perr
		}
		if err != nil || len(problems) > 0 {
			return &exitError{code: exitInput}
		}
		return nil
	}
	if len(problems) > 0 {
		fmt.Fprint(os.Stderr, compile.FormatProblems(problems, lang))
	}
	if errors.Is(err, build.ErrVolumeProblems) {
		return inputErr(errors.New(msg(
			"汇编未生成：%d 个文件有错误，请按上面的提示修改后重试（或用 --keep-going 略过这些文件）",
			"volume not written: %d files have errors; fix them as shown above (or leave them out with --keep-going)",
			len(problems))))
	}
	if err != nil {
		return inputErr(err)
	}
	for _, p := range problems {
		n, _ := p.Diags.Count()
		fmt.Println(msg("已略过 %s（%d 处错误），汇编中不含此文件", "left out %s (%d errors): it is not in the volume", p.Path, n))
	}
	book, vol, outputs := res.Book, res.Volume, res.Outputs
	if !quiet {
		for _, d := range book.Warnings {
			fmt.Println("  " + d.Format(lang))
		}
		fmt.Printf("✓ %s → %v\n  %s\n", vol.FullTitle(), outputs, book.Summary(lang))
	}
	if len(problems) > 0 {
		return &exitError{code: exitInput}
	}
	return nil
}
