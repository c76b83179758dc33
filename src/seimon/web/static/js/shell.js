// The frame of every page: the logout button (a POST with the CSRF token, then back to the login page).
import { api } from "./common.js";

for (const button of document.querySelectorAll("[data-logout]")) {
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await api("/api/v1/auth/logout", { method: "POST" });
    } finally {
      window.location.assign("/login");
    }
  });
}

// The language links keep what the page's scripts put into the address since it was served (the chosen
// indicator on the regions page, for instance).
for (const link of document.querySelectorAll(".langs a[lang]")) {
  link.addEventListener("click", (event) => {
    const target = new URL(window.location.href);
    target.searchParams.set("lang", new URL(link.href).searchParams.get("lang"));
    event.preventDefault();
    window.location.assign(target);
  });
}
