// The login form: POST the credentials as JSON; the API sets the session cookie; go on to ?next=.
import { api, pageData, showError } from "./common.js";

const form = document.getElementById("login-form");
const error = document.getElementById("login-error");

/** Only a path on this site (never //host or another scheme) is followed after logging in. */
function nextPath() {
  const next = pageData().next || "/";
  return next.startsWith("/") && !next.startsWith("//") && !next.includes("\\") ? next : "/";
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  error.hidden = true;
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    await api("/api/v1/auth/login", {
      method: "POST",
      json: { username: form.username.value.trim(), password: form.password.value },
    });
    window.location.assign(nextPath());
  } catch (err) {
    showError(error, err);
    button.disabled = false;
    form.password.select();
  }
});
