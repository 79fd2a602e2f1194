"""Drives BeyondTrust's own Password Safe Python library (beyondtrust-bips-library,
module secrets_safe_library) through a whole Secrets Safe life cycle against a server
given in the environment, so that our simulator is proven against the vendor's client
and not only against our reading of the documentation.

Only the library's public classes and methods are used (Authentication, Safe, Folder,
SecretsSafe): a step passes only if the library itself accepts the server's answer
(it checks status codes exactly and parses the bodies it needs).

Environment:
  BT_PS_API_URL         base URL, .../BeyondTrust/api/public/v3
  BT_PS_API_KEY         API key (the runas user goes in the key, as Terraform does)
  BT_PS_RUNAS           runas user for the API key
  BT_PS_CLIENT_ID       OAuth client id
  BT_PS_CLIENT_SECRET   OAuth client secret
  BT_CA_FILE            CA bundle for https (optional)
  PS_DRIVER_VERSIONS    comma-separated API versions (default 3.0,3.1,3.2,3.3)
  PS_DRIVER_AUTHS       comma-separated sign-in modes: apikey, oauth (default both)
  PS_DRIVER_VALUES      JSON {password, password2, text, text2, file, file2}: the secret
                        values to store (random ones when absent); the caller may then
                        check the server's state against them
  PS_DRIVER_PAUSE=1     after each run's writes, print a "checkpoint" step with the ids
                        and wait for one line on stdin before deleting (the caller
                        inspects the server meanwhile)

Output: one JSON line per step, {"step", "ok", "detail"}, then a "summary" line; the exit
status is 1 if any step failed. No secret value is ever printed: every detail is scrubbed
of the credentials and the stored values before it is written.
"""

import hashlib
import json
import os
import secrets
import sys
import tempfile

import requests
from secrets_safe_library import exceptions
from secrets_safe_library.authentication import Authentication
from secrets_safe_library.folders import Folder
from secrets_safe_library.safes import Safe
from secrets_safe_library.secrets_safe import SecretsSafe

LIBRARY_ERRORS = (
    exceptions.AuthenticationFailure,
    exceptions.OptionsError,
    exceptions.LookupError,
    exceptions.CreationError,
    exceptions.UpdateError,
    exceptions.DeletionError,
    exceptions.IncompleteArgumentsError,
)


class StepFailed(Exception):
    """A check of ours failed (the library accepted the answer, but it is wrong)."""


class Reporter:
    """Prints step results as JSON lines, with every known secret scrubbed out."""

    def __init__(self, secret_values):
        # Longest first, so that a value containing another is scrubbed whole.
        self._secrets = sorted({s for s in secret_values if s and len(s) >= 4}, key=len, reverse=True)
        self.passed = 0
        self.failed = 0

    def scrub(self, value):
        if isinstance(value, str):
            for s in self._secrets:
                value = value.replace(s, "[redacted]")
            return value
        if isinstance(value, dict):
            return {k: self.scrub(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.scrub(v) for v in value]
        return value

    def emit(self, step, ok, detail):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        line = json.dumps({"step": step, "ok": ok, "detail": self.scrub(detail)}, default=str)
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def check(condition, message):
    if not condition:
        raise StepFailed(message)


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()


class Run:
    """One sign-in mode and one API version: create, read, search, update, move, delete."""

    def __init__(self, reporter, env, values, auth_mode, version, workdir):
        self.r = reporter
        self.env = env
        self.values = values
        self.auth_mode = auth_mode
        self.version = version
        self.prefix = f"{auth_mode}/{version}"
        # Names unique per run, so runs never collide on a 409 (same name in the same parent).
        tag = f"{auth_mode}-{version.replace('.', '')}-{secrets.token_hex(3)}"
        self.safe_name = f"compat-safe-{tag}"
        self.folder_name = f"compat-folder-{tag}"
        self.dest_name = f"compat-dest-{tag}"
        self.workdir = workdir
        self.ids = {}
        self.user = None
        self.auth = None

    # -- plumbing -------------------------------------------------------------------------

    def step(self, name, fn, needs=()):
        """Runs one step; a step whose inputs are missing fails without calling the server."""
        missing = [n for n in needs if n not in self.ids]
        if missing:
            self.r.emit(f"{self.prefix}/{name}", False, f"not run: needs {', '.join(missing)} from an earlier step")
            return None
        try:
            detail = fn()
            self.r.emit(f"{self.prefix}/{name}", True, detail if detail is not None else "")
            return True
        except (StepFailed,) + LIBRARY_ERRORS + (requests.RequestException, KeyError, TypeError, ValueError) as e:
            self.r.emit(f"{self.prefix}/{name}", False, f"{type(e).__name__}: {e}")
            # The library signs out after any unexpected status (core.py _run_*_request), so
            # the rest of the run needs a new session.
            if isinstance(e, LIBRARY_ERRORS) and name not in ("sign_in", "sign_out", "after_sign_out_401"):
                self.sign_in_again()
            return False

    def sign_in_again(self):
        try:
            self.new_session()
            self.r.emit(f"{self.prefix}/sign_in_again", True, "the library had signed out after the failure")
        except Exception as e:  # noqa: BLE001 - reported, never raised
            self.r.emit(f"{self.prefix}/sign_in_again", False, f"{type(e).__name__}: {e}")

    def new_session(self):
        url = self.env["BT_PS_API_URL"]
        verify = self.env.get("BT_CA_FILE") or True
        if self.auth_mode == "apikey":
            # The library has no runas argument: the suffix goes inside the key (TF form).
            api_key = f"{self.env['BT_PS_API_KEY']};runas={self.env['BT_PS_RUNAS']};"
            auth = Authentication(req=requests.Session(), api_url=url, api_key=api_key,
                                  api_version=self.version, verify_ca=verify)
        else:
            auth = Authentication(req=requests.Session(), api_url=url,
                                  client_id=self.env["BT_PS_CLIENT_ID"],
                                  client_secret=self.env["BT_PS_CLIENT_SECRET"],
                                  api_version=self.version, verify_ca=verify)
        response = auth.get_api_access()
        check(response.status_code == 200, f"SignAppIn answered {response.status_code}: {response.text}")
        user = response.json()
        check(isinstance(user, dict) and isinstance(user.get("UserId"), int),
              f"SignAppIn body has no integer UserId: {sorted(user) if isinstance(user, dict) else user}")
        check(any(c.name == "ASP.NET_SessionId" for c in auth._req.cookies), "no ASP.NET_SessionId cookie was set")
        self.auth = auth
        self.user = user
        self.safes = Safe(auth)
        self.folders = Folder(auth)
        self.secrets = SecretsSafe(auth)
        return user

    def owners(self):
        """The signed-in user as the only owner, as keyword arguments in this API version's shape.
        On 3.0 the library also needs owner_type (its schema rejects a null one) and owner_id."""
        user_id, name, email = self.user["UserId"], self.user.get("UserName"), self.user.get("EmailAddress")
        if self.version == "3.0":
            return {"owner_id": user_id, "owner_type": "User", "owners": [{"owner_id": user_id, "owner": name, "email": email}]}
        return {"owners": [{"user_id": user_id, "name": name, "email": email}]}

    def owner_ids(self, secret):
        """The user ids among a secret's Owners, whichever version's shape the server used."""
        key = "OwnerId" if self.version == "3.0" else "UserId"
        owners = secret.get("Owners")
        check(isinstance(owners, list) and owners, f"Owners is {owners!r}, expected a non-empty list")
        check(all(key in o for o in owners), f"Owners items lack {key} (version {self.version}): {[sorted(o) for o in owners]}")
        return [o[key] for o in owners]

    def write_file(self, name, content):
        path = os.path.join(self.workdir, name)
        with open(path, "wb") as f:
            f.write(content)
        return path

    # -- the steps ------------------------------------------------------------------------

    def run(self):
        v = self.values
        ok = self.step("sign_in", lambda: {"UserId": self.new_session()["UserId"], "mode": self.auth_mode})
        if not ok:
            return
        self.step("list_safes", self.list_safes)
        self.step("create_safe", self.create_safe)
        self.step("get_safe", self.get_safe, needs=("safe",))
        self.step("update_safe", self.update_safe, needs=("safe",))
        self.step("create_folder", lambda: self.create_folder("folder", self.folder_name), needs=("safe",))
        self.step("create_destination_folder", lambda: self.create_folder("dest", self.dest_name), needs=("safe",))
        self.step("get_folder", self.get_folder, needs=("folder",))
        self.step("create_credential", self.create_credential, needs=("folder",))
        self.step("create_text", self.create_text, needs=("folder",))
        self.step("create_file", self.create_file, needs=("folder",))
        self.step("get_credential", lambda: self.get_credential(v["password"], self.ids.get("folder")), needs=("credential",))
        self.step("get_text_by_id", lambda: self.get_by_id_type("text", "Text"), needs=("text",))
        self.step("get_text", lambda: self.get_text(v["text"]), needs=("text",))
        self.step("get_file_by_id", lambda: self.get_by_id_type("file", "File"), needs=("file",))
        self.step("get_file_metadata", lambda: self.get_file_metadata(v["file"], "compat-file.txt"), needs=("file",))
        self.step("download_file", lambda: self.download_file(v["file"]), needs=("file",))
        self.step("search_by_path", self.search_by_path, needs=("credential", "text", "file"))
        self.step("search_by_title", self.search_by_title, needs=("credential",))
        self.step("search_without_decrypt", self.search_without_decrypt, needs=("credential",))
        self.step("duplicate_folder_409", self.duplicate_folder, needs=("folder", "safe"))
        if self.version == "3.1":
            # Once per sign-in mode: 5 MB is the most a file secret may hold.
            self.step("oversized_file_refused", self.oversized_file, needs=("folder",))
        self.step("list_folders", self.list_folders, needs=("folder", "dest"))
        self.step("list_secrets_in_folder", self.list_secrets_in_folder, needs=("credential", "text", "file"))
        self.step("list_secrets_by_folder_path", self.list_secrets_by_folder_path, needs=("credential", "text", "file"))
        self.step("update_credential", self.update_credential, needs=("credential", "folder"))
        self.step("get_credential_after_update", lambda: self.get_credential(v["password2"], self.ids.get("folder"), updated=True),
                  needs=("credential",))
        self.step("update_text", self.update_text, needs=("text", "dest"))
        self.step("get_text_after_update", self.get_text_after_update, needs=("text", "dest"))
        self.step("update_file", self.update_file, needs=("file", "folder"))
        self.step("get_file_after_update", lambda: self.get_file_metadata(v["file2"], "compat-file-2.txt"), needs=("file",))
        self.step("download_file_after_update", lambda: self.download_file(v["file2"]), needs=("file",))
        self.step("move_folder", self.move_folder, needs=("folder", "dest"))
        if os.environ.get("PS_DRIVER_PAUSE") == "1":
            self.checkpoint()
        self.step("delete_credential", lambda: self.delete_secret("credential"), needs=("credential",))
        self.step("delete_text", lambda: self.delete_secret("text"), needs=("text",))
        self.step("delete_file", lambda: self.delete_secret("file"), needs=("file",))
        self.step("get_deleted_secret_404", self.get_deleted_secret, needs=("credential",))
        self.step("delete_folder", lambda: self.delete_folder("folder"), needs=("folder",))
        self.step("delete_destination_folder", lambda: self.delete_folder("dest"), needs=("dest",))
        self.step("delete_safe", self.delete_safe, needs=("safe",))
        if self.auth_mode == "apikey":
            self.step("sign_in_spaced_header", self.sign_in_spaced)
        self.step("sign_out", self.sign_out)
        self.step("after_sign_out_401", self.after_sign_out)

    def list_safes(self):
        safes = self.safes.list()
        check(isinstance(safes, list), f"safe list is {type(safes).__name__}, expected a list")
        check(all("Id" in s and "Name" in s for s in safes), "a safe lacks Id or Name")
        return {"count": len(safes)}

    def create_safe(self):
        safe = self.safes.create_safe(name=self.safe_name, description="created by ps_driver.py")
        check(safe.get("Name") == self.safe_name, f"created safe's Name is {safe.get('Name')!r}")
        self.ids["safe"] = safe["Id"]
        return {"Id": safe["Id"]}

    def get_safe(self):
        safe = self.safes.get_by_id(self.ids["safe"])
        check(safe.get("Id") == self.ids["safe"] and safe.get("Name") == self.safe_name, f"got {safe}")
        return {"Name": safe["Name"]}

    def update_safe(self):
        # The library accepts 204 or 409 and returns the status: only 204 is a success here.
        _, status = self.safes.update_safe(self.ids["safe"], name=self.safe_name, description="updated by ps_driver.py")
        check(status == 204, f"update_safe answered {status}")
        got = self.safes.get_by_id(self.ids["safe"])
        check(got.get("Description") == "updated by ps_driver.py", f"Description after PUT is {got.get('Description')!r}")
        return {"status": status}

    def create_folder(self, key, name):
        folder = self.folders.create_folder(name=name, parent_id=self.ids["safe"], description=f"{key} folder")
        check(folder.get("Name") == name, f"created folder's Name is {folder.get('Name')!r}")
        self.ids[key] = folder["Id"]
        return {"Id": folder["Id"], "ParentId": folder.get("ParentId")}

    def get_folder(self):
        folder = self.folders.get_by_id(self.ids["folder"])
        check(folder.get("ParentId") == self.ids["safe"], f"folder's ParentId is {folder.get('ParentId')!r}, expected the safe")
        return {"Name": folder["Name"], "ParentId": folder["ParentId"]}

    def create_credential(self):
        created = self.secrets.create_secret(
            title="compat-credential", folder_id=self.ids["folder"], description="credential description",
            username="compat-user", password=self.values["password"], **self.owners(),
            notes="credential notes", urls=[{"url": "https://example.invalid/login"}])
        check(created.get("Title") == "compat-credential", f"created Title is {created.get('Title')!r}")
        self.ids["credential"] = created["Id"]
        return {"Id": created["Id"], "SecretType": created.get("SecretType")}

    def create_text(self):
        created = self.secrets.create_secret(
            title="compat-text", folder_id=self.ids["folder"], description="text description",
            text=self.values["text"], **self.owners(), notes="text notes")
        self.ids["text"] = created["Id"]
        return {"Id": created["Id"], "SecretType": created.get("SecretType")}

    def create_file(self):
        path = self.write_file("compat-file.txt", self.values["file"].encode())
        created = self.secrets.create_secret(
            title="compat-file", folder_id=self.ids["folder"], description="file description",
            file_path=path, **self.owners(), notes="file notes")
        self.ids["file"] = created["Id"]
        return {"Id": created["Id"], "SecretType": created.get("SecretType"), "FileName": created.get("FileName")}

    def get_credential(self, password, folder_id, updated=False):
        secret = self.secrets.get_secret_by_id(self.ids["credential"])
        check(secret.get("Password") == password, "Password differs from the value stored")
        check(secret.get("Username") == ("compat-user-2" if updated else "compat-user"), f"Username is {secret.get('Username')!r}")
        check(secret.get("SecretType") == "Credential", f"SecretType is {secret.get('SecretType')!r}")
        check(secret.get("FolderId") == folder_id, f"FolderId is {secret.get('FolderId')!r}")
        check(self.user["UserId"] in self.owner_ids(secret), "the signed-in user is not an owner")
        if updated:
            # Full replacement: Description, Notes and Urls were left out of the PUT.
            check(not secret.get("Description"), f"Description survived a PUT without it: {secret.get('Description')!r}")
            check(not secret.get("Urls"), "Urls survived a PUT without them")
        else:
            urls = secret.get("Urls") or []
            check([u.get("Url") for u in urls] == ["https://example.invalid/login"], f"Urls are {urls}")
        return {"SecretType": secret["SecretType"], "Owners": len(secret["Owners"])}

    def get_by_id_type(self, key, secret_type):
        secret = self.secrets.get_secret_by_id(self.ids[key])
        check(secret.get("SecretType") == secret_type, f"SecretType is {secret.get('SecretType')!r}, expected {secret_type}")
        return {"SecretType": secret["SecretType"]}

    def get_text(self, text):
        secret = self.secrets.get_text_secret_by_id(self.ids["text"])
        check(secret.get("Text") == text, "Text differs from the value stored")
        check(self.user["UserId"] in self.owner_ids(secret), "the signed-in user is not an owner")
        return {"Title": secret.get("Title")}

    def get_file_metadata(self, content, file_name):
        meta = self.secrets.get_file_secret_metadata(self.ids["file"])
        check(meta.get("FileName") == file_name, f"FileName is {meta.get('FileName')!r}, expected {file_name}")
        expected = sha256_hex(content.encode())
        check(meta.get("FileHash") == expected, f"FileHash is {meta.get('FileHash')!r}, expected the SHA-256 {expected}")
        return {"FileName": meta["FileName"], "FileHash": meta["FileHash"]}

    def download_file(self, content):
        data = self.secrets.get_file_secret_data(self.ids["file"])
        check(data == content, f"downloaded content differs ({len(data)} characters, expected {len(content)})")
        return {"characters": len(data)}

    def search_by_path(self):
        base = f"{self.safe_name}/{self.folder_name}"
        got = self.secrets.get_secrets([f"{base}/compat-credential", f"{base}/compat-text", f"{base}/compat-file"])
        # The library reads a text secret's value from Password and a file's from download.
        check(got[f"{base}/compat-credential"] == self.values["password"], "credential by path: wrong value")
        check(got[f"{base}/compat-text"] == self.values["text"], "text by path: wrong value (the library reads Password)")
        check(got[f"{base}/compat-file"] == self.values["file"], "file by path: wrong content")
        meta = self.secrets.get_secret_with_metadata(f"{base}/compat-credential")
        m = meta[f"{base}/compat-credential-metadata"]
        check(m.get("FolderPath") == base, f"FolderPath is {m.get('FolderPath')!r}, expected {base}")
        return {"paths": 3, "FolderPath": m["FolderPath"]}

    def search_by_title(self):
        # path is the secret's folder path exactly (the reference: "the full path to the secret").
        found = self.secrets.list_secrets(title="compat-credential", path=f"{self.safe_name}/{self.folder_name}")
        # 3.2+ wraps secret lists in {TotalCount, Data}; list_secrets hands back the raw body.
        if self.version in ("3.2", "3.3"):
            check(isinstance(found, dict) and "Data" in found and "TotalCount" in found,
                  f"expected the {{TotalCount, Data}} envelope on {self.version}, got {type(found).__name__}")
            items = found["Data"]
            check(found["TotalCount"] == len(items), f"TotalCount {found['TotalCount']} but {len(items)} items")
        else:
            check(isinstance(found, list), f"expected a bare list on {self.version}, got {type(found).__name__}")
            items = found
        ids = [s.get("Id") for s in items]
        check(ids == [self.ids["credential"]], f"title search found {len(ids)} secrets, expected only the credential")
        return {"found": len(ids), "shape": "envelope" if isinstance(found, dict) else "list"}

    def search_without_decrypt(self):
        # decrypt=false: the items keep their Password key (the library indexes it) but not the value.
        plain = SecretsSafe(self.auth, decrypt=False)
        found = plain.list_secrets(title="compat-credential", path=f"{self.safe_name}/{self.folder_name}")
        items = found["Data"] if isinstance(found, dict) else found
        check(len(items) == 1, f"found {len(items)} secrets")
        check(items[0].get("Password") in (None, ""), "decrypt=false still answered the password")
        return {"Password": "absent"}

    def duplicate_folder(self):
        # A second folder of the same name under the same parent is refused with 409.
        try:
            self.folders.create_folder(name=self.folder_name, parent_id=self.ids["safe"])
        except exceptions.CreationError as e:
            check("statuscode: 409" in str(e), f"expected a 409, got: {e}")
            self.new_session()  # the library signed out on the 409
            return {"status": 409, "signed_in_again": True}
        raise StepFailed("a duplicate folder name was accepted")

    def oversized_file(self):
        path = self.write_file("compat-too-big.bin", b"x" * 5_000_001)
        try:
            self.secrets.create_secret(title="compat-too-big", folder_id=self.ids["folder"], file_path=path, **self.owners())
        except exceptions.CreationError as e:
            check("statuscode: 413" in str(e) or "statuscode: 400" in str(e), f"expected 413 or 400, got: {e}")
            self.new_session()  # the library signed out on the refusal
            return {"status": int(str(e).rsplit("statuscode: ", 1)[1][:3]), "signed_in_again": True}
        finally:
            os.remove(path)
        raise StepFailed("a file of 5,000,001 bytes was accepted")

    def sign_in_spaced(self):
        # The reference's header form, "key=K; runas=U;" with spaces (the library only concatenates).
        url = self.env["BT_PS_API_URL"]
        api_key = f"{self.env['BT_PS_API_KEY']}; runas={self.env['BT_PS_RUNAS']};"
        auth = Authentication(req=requests.Session(), api_url=url, api_key=api_key, api_version=self.version,
                              verify_ca=self.env.get("BT_CA_FILE") or True)
        response = auth.get_api_access()
        check(response.status_code == 200, f"SignAppIn answered {response.status_code}: {response.text}")
        check(auth.sign_app_out() is True, "Signout did not answer 200")
        return {"UserId": response.json().get("UserId")}

    def list_folders(self):
        everything = self.folders.list_folders()
        by_id = {f.get("Id"): f for f in everything}
        check(self.ids["safe"] in by_id, "the full folder list does not include the safe (as a root)")
        check(self.ids["folder"] in by_id and self.ids["dest"] in by_id, "the full folder list lacks our folders")
        root = by_id[self.ids["safe"]].get("ParentId")
        check(root in (None, "00000000-0000-0000-0000-000000000000"), f"the safe's ParentId is {root!r}")
        named = self.folders.list_folders(folder_name=self.folder_name)
        check([f.get("Id") for f in named] == [self.ids["folder"]], f"folderName filter found {len(named)} folders")
        under = self.folders.list_folders(folder_path=self.safe_name)
        under_ids = {f.get("Id") for f in under}
        check({self.ids["folder"], self.ids["dest"]} <= under_ids, "folderPath=<safe> does not list our folders")
        return {"all": len(everything), "by_name": len(named), "by_path": len(under)}

    def list_secrets_in_folder(self):
        listed = self.secrets.list_secrets_by_folder_id(self.ids["folder"])
        items = listed["Data"] if isinstance(listed, dict) and "Data" in listed else listed
        check(isinstance(items, list), f"folder secret list is {type(listed).__name__}")
        types = sorted(s.get("SecretType") for s in items)
        check(types == ["Credential", "File", "Text"], f"SecretTypes listed are {types}")
        return {"count": len(items), "shape": "envelope" if isinstance(listed, dict) else "list"}

    def list_secrets_by_folder_path(self):
        base = f"{self.safe_name}/{self.folder_name}"
        got = self.secrets.get_all_secrets_by_folder_path(base)
        check(got.get(f"{base}/compat-credential") == self.values["password"], "credential: wrong value")
        check(got.get(f"{base}/compat-text") == self.values["text"], "text: wrong value")
        check(got.get(f"{base}/compat-file") == self.values["file"], "file: wrong content")
        return {"secrets": len([k for k in got if not k.endswith("-metadata")])}

    def update_credential(self):
        # Description, Notes and Urls left out on purpose: a PUT is a full replacement.
        updated = self.secrets.update_secret(
            self.ids["credential"], folder_id=self.ids["folder"], title="compat-credential",
            username="compat-user-2", password=self.values["password2"], **self.owners())
        check(isinstance(updated, dict) and updated.get("Id") == self.ids["credential"], "the PUT's JSON is not the secret")
        return {"Title": updated.get("Title")}

    def update_text(self):
        # A new FolderId moves the secret.
        updated = self.secrets.update_secret(
            self.ids["text"], folder_id=self.ids["dest"], title="compat-text",
            text=self.values["text2"], **self.owners(), description="moved text")
        check(isinstance(updated, dict) and updated.get("Id") == self.ids["text"], "the PUT's JSON is not the secret")
        return {"FolderId": updated.get("FolderId")}

    def get_text_after_update(self):
        secret = self.secrets.get_text_secret_by_id(self.ids["text"])
        check(secret.get("Text") == self.values["text2"], "Text is not the updated value")
        check(secret.get("FolderId") == self.ids["dest"], f"FolderId is {secret.get('FolderId')!r}: the PUT did not move it")
        check(not secret.get("Notes"), "Notes survived a PUT without them")
        return {"FolderId": secret["FolderId"]}

    def update_file(self):
        path = self.write_file("compat-file-2.txt", self.values["file2"].encode())
        result = self.secrets.update_secret(
            self.ids["file"], folder_id=self.ids["folder"], title="compat-file",
            file_path=path, **self.owners(), description="replaced file")
        check(result is None, "update_secret for a file returns nothing on 204")
        return {"FileName": "compat-file-2.txt"}

    def move_folder(self):
        moved = self.folders.move_folder(self.ids["folder"], destination_folder_id=self.ids["dest"], duplicate_name_action="Stop")
        check(isinstance(moved, dict), f"move answered {type(moved).__name__}, expected the folder")
        folder = self.folders.get_by_id(self.ids["folder"])
        check(folder.get("ParentId") == self.ids["dest"], f"ParentId after move is {folder.get('ParentId')!r}")
        return {"ParentId": folder["ParentId"]}

    def checkpoint(self):
        """Hands the ids to the caller and waits until it has looked at the server's state."""
        detail = {"ids": self.ids, "UserId": self.user["UserId"], "safe": self.safe_name,
                  "folder": self.folder_name, "dest": self.dest_name}
        self.r.emit(f"{self.prefix}/checkpoint", True, detail)
        sys.stdin.readline()

    def delete_secret(self, key):
        self.secrets.delete_secret_by_id(self.ids[key])
        return {"Id": self.ids[key]}

    def get_deleted_secret(self):
        try:
            self.secrets.get_secret_by_id(self.ids["credential"])
        except exceptions.LookupError as e:
            check("statuscode: 404" in str(e), f"expected a 404, got: {e}")
            # The library signed out on that 404: a new session for the rest of the run.
            self.new_session()
            return {"status": 404, "signed_in_again": True}
        raise StepFailed("a deleted secret can still be read")

    def delete_folder(self, key):
        self.folders.delete_by_id(self.ids[key])
        return {"Id": self.ids[key]}

    def delete_safe(self):
        self.safes.delete_by_id(self.ids["safe"])
        return {"Id": self.ids["safe"]}

    def sign_out(self):
        check(self.auth.sign_app_out() is True, "Signout did not answer 200")
        return ""

    def after_sign_out(self):
        try:
            self.safes.list()
        except exceptions.LookupError as e:
            check("statuscode: 401" in str(e), f"expected a 401, got: {e}")
            check('"User not authenticated"' in str(e), f"the 401 body is not the JSON string \"User not authenticated\": {e}")
            return {"status": 401}
        raise StepFailed("a call after Signout still succeeded")


def load_values():
    """The values to store: given by the caller (who then checks the server's state), or random."""
    given = json.loads(os.environ.get("PS_DRIVER_VALUES") or "{}")
    values = {}
    for key in ("password", "password2", "text", "text2", "file", "file2"):
        values[key] = given.get(key) or f"{key}-{secrets.token_urlsafe(18)}"
    return values


def main():
    env = os.environ
    missing = [n for n in ("BT_PS_API_URL",) if not env.get(n)]
    if missing:
        sys.stderr.write(f"ps_driver.py: {', '.join(missing)} must be set\n")
        return 2
    values = load_values()
    versions = [v.strip() for v in env.get("PS_DRIVER_VERSIONS", "3.0,3.1,3.2,3.3").split(",") if v.strip()]
    auths = [a.strip() for a in env.get("PS_DRIVER_AUTHS", "apikey,oauth").split(",") if a.strip()]
    reporter = Reporter([env.get("BT_PS_API_KEY"), env.get("BT_PS_CLIENT_SECRET"), *values.values()])
    with tempfile.TemporaryDirectory(prefix="ps-driver-") as workdir:
        for auth_mode in auths:
            needed = ("BT_PS_API_KEY", "BT_PS_RUNAS") if auth_mode == "apikey" else ("BT_PS_CLIENT_ID", "BT_PS_CLIENT_SECRET")
            absent = [n for n in needed if not env.get(n)]
            for version in versions:
                if absent:
                    reporter.emit(f"{auth_mode}/{version}/sign_in", False, f"not run: {', '.join(absent)} not set")
                    continue
                Run(reporter, env, values, auth_mode, version, workdir).run()
    reporter.emit("summary", reporter.failed == 0, {"passed": reporter.passed, "failed": reporter.failed})
    return 0 if reporter.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
