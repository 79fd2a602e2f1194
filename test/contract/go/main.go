// ps-go-driver drives BeyondTrust's Go client for Password Safe (go-client-library-passwordsafe)
// against a server given in the environment, the way Terraform's provider uses it: sign in (API key
// with runas in the key, or OAuth), create a safe, a folder and a credential, text and file secret
// (folders resolved by name, as the library does), read them by path and title, list, delete, sign
// out. The library has no get-by-id and no update, so those steps are the Python driver's alone.
//
// Environment: BT_PS_API_URL (https only: the library refuses http), BT_PS_API_KEY, BT_PS_RUNAS,
// BT_PS_CLIENT_ID, BT_PS_CLIENT_SECRET, PS_DRIVER_VERSIONS (default 3.0,3.1,3.2; the library knows no
// 3.3), PS_DRIVER_AUTHS (default apikey,oauth), PS_DRIVER_VALUES (JSON {password, text, file}).
// The CA of a self-signed server comes from SSL_CERT_FILE, which Go reads on Linux.
//
// Output: one JSON line per step {"step","ok","detail"}, then "summary"; exit 1 if a step failed.
// No secret value is printed: details are scrubbed of the credentials and stored values.
package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/BeyondTrust/go-client-library-passwordsafe/api/authentication"
	"github.com/BeyondTrust/go-client-library-passwordsafe/api/entities"
	"github.com/BeyondTrust/go-client-library-passwordsafe/api/logging"
	"github.com/BeyondTrust/go-client-library-passwordsafe/api/secrets"
	"github.com/BeyondTrust/go-client-library-passwordsafe/api/utils"
	backoff "github.com/cenkalti/backoff/v4"
	"go.uber.org/zap"
)

type reporter struct {
	secrets        []string
	passed, failed int
}

func (r *reporter) scrub(s string) string {
	for _, v := range r.secrets {
		if len(v) >= 4 {
			s = strings.ReplaceAll(s, v, "[redacted]")
		}
	}
	return s
}

func (r *reporter) emit(step string, ok bool, detail string) {
	if ok {
		r.passed++
	} else {
		r.failed++
	}
	line, _ := json.Marshal(map[string]any{"step": step, "ok": ok, "detail": r.scrub(detail)})
	fmt.Println(string(line))
}

type run struct {
	r       *reporter
	prefix  string
	auth    *authentication.AuthenticationObj
	secrets *secrets.SecretObj
	user    entities.SignAppinResponse
	values  map[string]string
	version string
	names   map[string]string
	ids     map[string]string
}

func (x *run) step(name string, fn func() (string, error)) bool {
	detail, err := fn()
	if err != nil {
		x.r.emit(x.prefix+"/"+name, false, err.Error())
		return false
	}
	x.r.emit(x.prefix+"/"+name, true, detail)
	return true
}

func check(cond bool, format string, args ...any) error {
	if !cond {
		return fmt.Errorf(format, args...)
	}
	return nil
}

func tag() string {
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func newRun(r *reporter, mode, version string, values map[string]string) *run {
	t := fmt.Sprintf("go-%s-%s-%s", mode, strings.ReplaceAll(version, ".", ""), tag())
	return &run{
		r: r, prefix: "go/" + mode + "/" + version, values: values, version: version,
		names: map[string]string{"safe": "compat-safe-" + t, "folder": "compat-folder-" + t},
		ids:   map[string]string{},
	}
}

func (x *run) signIn(mode string) (string, error) {
	logger := logging.NewZapLogger(zap.NewNop())
	url := os.Getenv("BT_PS_API_URL")
	timeout, retry := 30, 1
	params := utils.ValidationParams{ApiUrl: &url, ApiVersion: x.version, ClientTimeOutInSeconds: timeout,
		VerifyCa: true, Logger: logger, RetryMaxElapsedTimeMinutes: &retry}
	authParams := authentication.AuthenticationParametersObj{EndpointURL: url, APIVersion: x.version, Logger: logger,
		RetryMaxElapsedTimeSeconds: 30}
	if mode == "apikey" {
		// The runas user goes inside the key, as Terraform's provider writes it.
		params.ApiKey = fmt.Sprintf("%s;runas=%s;", os.Getenv("BT_PS_API_KEY"), os.Getenv("BT_PS_RUNAS"))
		authParams.ApiKey = params.ApiKey
	} else {
		params.ClientID, params.ClientSecret = os.Getenv("BT_PS_CLIENT_ID"), os.Getenv("BT_PS_CLIENT_SECRET")
		authParams.ClientID, authParams.ClientSecret = params.ClientID, params.ClientSecret
	}
	if err := utils.ValidateInputs(params); err != nil {
		return "", fmt.Errorf("the library rejected its inputs: %w", err)
	}
	client, err := utils.GetHttpClient(timeout, true, "", "", logger)
	if err != nil {
		return "", err
	}
	b := backoff.NewExponentialBackOff()
	b.InitialInterval = 200 * time.Millisecond
	b.MaxElapsedTime = 2 * time.Second
	authParams.HTTPClient, authParams.BackoffDefinition = *client, b
	if mode == "apikey" {
		x.auth, err = authentication.AuthenticateUsingApiKey(authParams)
	} else {
		x.auth, err = authentication.Authenticate(authParams)
	}
	if err != nil {
		return "", err
	}
	x.user, err = x.auth.GetPasswordSafeAuthentication()
	if err != nil {
		return "", err
	}
	if err := check(x.user.UserId > 0, "SignAppIn gave no UserId"); err != nil {
		return "", err
	}
	x.secrets, err = secrets.NewSecretObj(*x.auth, logger, 5000000, true)
	return fmt.Sprintf("UserId %d", x.user.UserId), err
}

func (x *run) base() entities.SecretDetailsBaseConfig {
	return entities.SecretDetailsBaseConfig{Description: "created by the Go driver", Notes: "go notes"}
}

// The signed-in user as owner, in the version's shape. On 3.1+ the library requires a GroupId >= 1.
func (x *run) ownersByOwnerId() []entities.OwnerDetailsOwnerId {
	return []entities.OwnerDetailsOwnerId{{OwnerId: x.user.UserId, Owner: x.user.UserName, Email: x.user.EmailAddress}}
}
func (x *run) ownersByGroupId() []entities.OwnerDetailsGroupId {
	return []entities.OwnerDetailsGroupId{{GroupId: 1, UserId: x.user.UserId, Name: x.user.UserName, Email: x.user.EmailAddress}}
}

func (x *run) create(kind string) (string, error) {
	base := x.base()
	base.Title = "compat-" + kind
	var details any
	switch kind {
	case "credential":
		details = entities.SecretCredentialInput{SecretDetailsBaseConfig: base, Username: "go-user", Password: x.values["password"],
			OwnerId: x.user.UserId, OwnerType: "User", OwnersByOwnerId: x.ownersByOwnerId(), OwnersByGroupId: x.ownersByGroupId()}
	case "text":
		details = entities.SecretTextInput{SecretDetailsBaseConfig: base, Text: x.values["text"],
			OwnerId: x.user.UserId, OwnerType: "User", OwnersByOwnerId: x.ownersByOwnerId(), OwnersByGroupId: x.ownersByGroupId()}
	case "file":
		details = entities.SecretFileInput{SecretDetailsBaseConfig: base, FileName: "go-file.txt", FileContent: x.values["file"],
			OwnerId: x.user.UserId, OwnerType: "User", OwnersByOwnerId: x.ownersByOwnerId(), OwnersByGroupId: x.ownersByGroupId()}
	}
	created, err := x.secrets.CreateSecretFlow(x.names["folder"], details)
	if err != nil {
		return "", err
	}
	if err := check(created.Id != "" && created.Title == base.Title, "create answered Id %q Title %q", created.Id, created.Title); err != nil {
		return "", err
	}
	x.ids[kind] = created.Id
	return "Id " + created.Id, nil
}

func (x *run) all(mode string) {
	if !x.step("sign_in", func() (string, error) { return x.signIn(mode) }) {
		return
	}
	x.step("list_safes", func() (string, error) {
		safes, err := x.secrets.SecretGetSafesListFlow()
		return fmt.Sprintf("%d safes", len(safes)), err
	})
	x.step("create_safe", func() (string, error) {
		safe, err := x.secrets.CreateFolderFlow("", entities.FolderDetails{Name: x.names["safe"], Description: "go safe", FolderType: "SAFE"})
		if err != nil {
			return "", err
		}
		x.ids["safe"] = safe.Id.String()
		return "Id " + x.ids["safe"], check(safe.Name == x.names["safe"], "created safe's name is %q", safe.Name)
	})
	x.step("create_folder", func() (string, error) {
		// The parent is found by name in the folder list: the list must hold safes too.
		folder, err := x.secrets.CreateFolderFlow(x.names["safe"], entities.FolderDetails{Name: x.names["folder"], Description: "go folder", FolderType: "FOLDER"})
		if err != nil {
			return "", err
		}
		x.ids["folder"] = folder.Id.String()
		return "Id " + x.ids["folder"], check(folder.ParentId.String() == x.ids["safe"], "folder's ParentId is %v", folder.ParentId)
	})
	for _, kind := range []string{"credential", "text", "file"} {
		k := kind
		x.step("create_"+k, func() (string, error) { return x.create(k) })
	}
	x.step("search_by_path", func() (string, error) {
		base := x.names["safe"] + "/" + x.names["folder"] + "/"
		got, err := x.secrets.GetSecrets([]string{base + "compat-credential", base + "compat-text", base + "compat-file"}, "/")
		if err != nil {
			return "", err
		}
		for kind, want := range map[string]string{"credential": x.values["password"], "text": x.values["text"], "file": x.values["file"]} {
			if got[base+"compat-"+kind] != want {
				return "", fmt.Errorf("%s by path: wrong value", kind)
			}
		}
		return "3 paths", nil
	})
	x.step("search_by_title", func() (string, error) {
		// No version is sent here, so the server answers the 3.0 shape (a bare list).
		s, err := x.secrets.SearchSecretByTitleFlow("compat-credential")
		if err != nil {
			return "", err
		}
		return "SecretType " + s.SecretType, check(s.SecretType == "Credential", "SecretType is %q", s.SecretType)
	})
	x.step("list_folders", func() (string, error) {
		folders, err := x.secrets.SecretGetFoldersListFlow()
		if err != nil {
			return "", err
		}
		names := map[string]bool{}
		for _, f := range folders {
			names[f.Name] = true
		}
		return fmt.Sprintf("%d folders", len(folders)), check(names[x.names["safe"]] && names[x.names["folder"]], "the list lacks our safe or folder")
	})
	for _, kind := range []string{"credential", "text", "file"} {
		k := kind
		x.step("delete_"+k, func() (string, error) { return "", x.secrets.DeleteSecretById(x.ids[k]) })
	}
	x.step("delete_folder", func() (string, error) { return "", x.secrets.DeleteFolderById(x.ids["folder"]) })
	x.step("delete_safe", func() (string, error) { return "", x.secrets.DeleteSafeById(x.ids["safe"]) })
	x.step("sign_out", func() (string, error) { return "", x.auth.SignOut() })
}

func main() {
	values := map[string]string{}
	_ = json.Unmarshal([]byte(os.Getenv("PS_DRIVER_VALUES")), &values)
	for _, k := range []string{"password", "text", "file"} {
		if values[k] == "" {
			values[k] = k + "-" + tag() + tag()
		}
	}
	secretValues := []string{os.Getenv("BT_PS_API_KEY"), os.Getenv("BT_PS_CLIENT_SECRET")}
	for _, v := range values {
		secretValues = append(secretValues, v)
	}
	sort.Slice(secretValues, func(i, j int) bool { return len(secretValues[i]) > len(secretValues[j]) })
	r := &reporter{secrets: secretValues}
	list := func(env, def string) []string {
		v := os.Getenv(env)
		if v == "" {
			v = def
		}
		return strings.Split(v, ",")
	}
	for _, mode := range list("PS_DRIVER_AUTHS", "apikey,oauth") {
		for _, version := range list("PS_DRIVER_VERSIONS", "3.0,3.1,3.2") {
			newRun(r, mode, version, values).all(mode)
		}
	}
	summary := fmt.Sprintf("passed %d, failed %d", r.passed, r.failed)
	r.emit("summary", r.failed == 0, summary)
	if r.failed > 0 {
		os.Exit(1)
	}
}
