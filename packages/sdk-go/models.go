package distillery

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/distillery-dev/distillery/packages/sdk-go/generated"
)

// ModelsService is client.Models: presets, teacher endpoints, fine-tuned, distilled and imported models.
type ModelsService struct {
	api *generated.ClientWithResponses
	// imports sends model uploads: the same client with an hour's timeout, unless Config.HTTPClient was given.
	imports *generated.ClientWithResponses
}

// List returns every model as one page (the API does not paginate it).
func (s *ModelsService) List(ctx context.Context) (*Page[Model], error) {
	resp, err := s.api.ListModelsWithResponse(ctx, nil)
	if err != nil {
		return nil, err
	}
	return onePage(resp.JSON200.Data), nil
}

// Get takes the id as listed, provider prefix included ("local/ft-spam-teacher").
func (s *ModelsService) Get(ctx context.Context, id string) (*Model, error) {
	resp, err := s.api.GetModelWithResponse(ctx, id, nil)
	if err != nil {
		return nil, err
	}
	return resp.JSON200, nil
}

// ModelFile is one file of a model import: its path in the Hugging Face folder ("config.json",
// "model.safetensors") or its file name, and its content.
type ModelFile struct {
	Path    string
	Content io.Reader
}

// ModelImport says what client.Models.Import sends: exactly one of Path, Files, Archive or SourceURL.
type ModelImport struct {
	// Path is a Hugging Face folder on disk (every file in it but hidden ones, by its path in the
	// folder), a .gguf file, or a .tar / .tar.gz of a folder.
	Path string
	// Files are a Hugging Face folder's files (config.json, model.safetensors or its shards and
	// index, tokenizer.json, optionally tokenizer_config.json and generation_config.json).
	Files []ModelFile
	// Archive is one tar, tar.gz or GGUF file.
	Archive *ModelFile
	// SourceURL is a GGUF file or tar(.gz) archive for the server to fetch, from a host its operator allows.
	SourceURL string
	// Name defaults to the folder's, file's or URL's name.
	Name string
}

var modelExtension = regexp.MustCompile(`(?i)(\.tar\.gz|\.tgz|\.tar|\.gguf)$`)

func modelName(path string) string {
	return modelExtension.ReplaceAllString(filepath.Base(strings.TrimRight(path, `/\`)), "")
}

// unreadable is the error of a Path that cannot be read: it names the path, before anything is sent.
func unreadable(path string, err error) error {
	reason := err.Error()
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		reason = pathErr.Err.Error()
	}
	return fmt.Errorf("distillery: cannot read model %s: %s", path, reason)
}

// diskFiles lists a folder's files (or the one file Path names) by their slash-separated paths in it.
func diskFiles(root string) ([][2]string, error) {
	info, err := os.Stat(root)
	if err != nil {
		return nil, unreadable(root, err)
	}
	if !info.IsDir() {
		return [][2]string{{filepath.Base(root), root}}, nil
	}
	var files [][2]string
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return err
			}
			files = append(files, [2]string{filepath.ToSlash(rel), path})
		}
		return nil
	})
	if err != nil {
		return nil, unreadable(root, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("distillery: cannot read model %s: the folder has no files", root)
	}
	sort.Slice(files, func(i, j int) bool { return files[i][0] < files[j][0] })
	return files, nil
}

// multipartBody streams the parts: files are opened (or rewound) as the body is read, never held in memory.
func multipartBody(name string, parts func() ([]ModelFile, func(), error)) (contentType string, open func() (io.ReadCloser, error)) {
	boundary := multipart.NewWriter(io.Discard).Boundary()
	open = func() (io.ReadCloser, error) {
		files, done, err := parts()
		if err != nil {
			return nil, err
		}
		reader, writer := io.Pipe()
		go func() {
			defer done()
			mw := multipart.NewWriter(writer)
			_ = mw.SetBoundary(boundary)
			err := func() error {
				if name != "" {
					if err := mw.WriteField("name", name); err != nil {
						return err
					}
				}
				for _, f := range files {
					part, err := mw.CreateFormFile("file", f.Path)
					if err != nil {
						return err
					}
					if _, err := io.Copy(part, f.Content); err != nil {
						return err
					}
				}
				return mw.Close()
			}()
			_ = writer.CloseWithError(err)
		}()
		return reader, nil
	}
	return "multipart/form-data; boundary=" + boundary, open
}

// Import registers a pretrained Llama-family checkpoint and returns the model, whose Id
// ("local/mdl_…") then names it as a teacher, student or base model. A checkpoint the server cannot
// import is an *Error with Status 400 whose Message names the file and field; past the server's limit
// a 413. Files are streamed from disk; a Path upload (or Files whose contents are io.Seekers) is
// retried like any create, other readers are sent once.
func (s *ModelsService) Import(ctx context.Context, params ModelImport) (*Model, error) {
	given := []string{}
	for _, f := range []struct {
		name string
		set  bool
	}{{"Path", params.Path != ""}, {"Files", len(params.Files) > 0}, {"Archive", params.Archive != nil}, {"SourceURL", params.SourceURL != ""}} {
		if f.set {
			given = append(given, f.name)
		}
	}
	if len(given) != 1 {
		if len(given) == 0 {
			return nil, errors.New("distillery: Models.Import needs Path, Files, Archive or SourceURL")
		}
		return nil, fmt.Errorf("distillery: Models.Import takes one of Path, Files, Archive or SourceURL, got %s", strings.Join(given, " and "))
	}
	importParams := &generated.ImportModelParams{IdempotencyKey: idempotencyKey()}
	if params.SourceURL != "" {
		body := generated.ImportModelJSONRequestBody{SourceUrl: params.SourceURL}
		if params.Name != "" {
			body.Name = &params.Name
		}
		resp, err := s.imports.ImportModelWithResponse(ctx, importParams, body)
		if err != nil {
			return nil, err
		}
		return resp.JSON201, nil
	}
	name := params.Name
	var parts func() ([]ModelFile, func(), error)
	replayable := true
	switch {
	case params.Path != "":
		files, err := diskFiles(params.Path)
		if err != nil {
			return nil, err
		}
		if name == "" {
			name = modelName(params.Path)
		}
		parts = func() ([]ModelFile, func(), error) {
			opened := make([]ModelFile, 0, len(files))
			closeAll := func() {
				for _, f := range opened {
					_ = f.Content.(io.Closer).Close()
				}
			}
			for _, f := range files {
				handle, err := os.Open(f[1])
				if err != nil {
					closeAll()
					return nil, nil, unreadable(f[1], err)
				}
				opened = append(opened, ModelFile{Path: f[0], Content: handle})
			}
			return opened, closeAll, nil
		}
	default:
		files := params.Files
		if params.Archive != nil {
			files = []ModelFile{*params.Archive}
			if name == "" {
				name = modelName(params.Archive.Path)
			}
		}
		first := true
		for _, f := range files {
			if _, ok := f.Content.(io.Seeker); !ok {
				replayable = false
			}
		}
		parts = func() ([]ModelFile, func(), error) {
			if !first {
				for _, f := range files {
					if _, err := f.Content.(io.Seeker).Seek(0, io.SeekStart); err != nil {
						return nil, nil, err
					}
				}
			}
			first = false
			return files, func() {}, nil
		}
	}
	contentType, open := multipartBody(name, parts)
	body, err := open()
	if err != nil {
		return nil, err
	}
	replay := func(_ context.Context, req *http.Request) error {
		if replayable {
			req.GetBody = open
		}
		return nil
	}
	resp, err := s.imports.ImportModelWithBodyWithResponse(ctx, importParams, contentType, body, replay)
	if err != nil {
		return nil, err
	}
	return resp.JSON201, nil
}

// Delete deletes an imported, fine-tuned or distilled model of the tenant (not a preset); id as
// listed ("local/mdl_…").
func (s *ModelsService) Delete(ctx context.Context, id string) error {
	_, err := s.api.DeleteModelWithResponse(ctx, id, nil)
	return err
}
