// The password-change form: POST the present and the new password; the API ends the other sessions and
// sets a fresh session cookie for this browser, whose new CSRF token replaces the page's.
import { api, showError } from "./common.js";

const form = document.getElementById("password-form");
const error = document.getElementById("password-error");
const done = document.getElementById("password-done");
const mismatch = document.getElementById("password-mismatch");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  error.hidden = true;
  done.hidden = true;
  mismatch.hidden = form.new_password.value === form.repeat_password.value;
  if (!mismatch.hidden) return;
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const answer = await api("/api/v1/auth/password", {
      method: "POST",
      json: { current_password: form.current_password.value, new_password: form.new_password.value },
    });
    document.querySelector('meta[name="csrf-token"]').content = answer.csrf_token;
    form.reset();
    done.hidden = false;
  } catch (err) {
    showError(error, err);
  } finally {
    button.disabled = false;
  }
});
