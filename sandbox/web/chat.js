// The sandbox web chat: talk to the bot as a simulated user through /sandbox/api/.
//
// Plain browser JavaScript, no build step and nothing fetched from elsewhere. Untrusted text
// (messages, names, file names) only ever reaches the page through textContent and
// attributes set one by one; message formatting is rebuilt from the text and its entities.
"use strict";

(() => {
  const API = "/sandbox/api";
  const POLL_TIMEOUT = 25; // seconds the server holds a long poll
  const MIN_POLL_GAP = 1000; // ms between polls that came back early and empty
  const MAX_BACKOFF = 15000;

  // ---------------------------------------------------------------- texts

  const TEXTS = {
    id: {
      commands: "Menu",
      pickUser: "Pilih pengguna",
      pickHint: "Pilih siapa Anda di sandbox ini, lalu mengobrol dengan bot seperti di Telegram.",
      noUsers: "Belum ada pengguna. Buat pengguna baru di bawah.",
      newUser: "Pengguna baru",
      name: "Nama",
      language: "Bahasa",
      phone: "Nomor HP",
      userId: "ID Telegram (opsional)",
      create: "Buat dan masuk",
      typeMessage: "Ketik pesan...",
      send: "Kirim",
      attach: "Kirim dokumen",
      keyboard: "Tampilkan/sembunyikan tombol",
      menu: "Menu",
      shareContact: "Bagikan kontak saya",
      shareOther: "Bagikan nomor lain",
      shareSubmit: "Bagikan",
      contactName: "Nama kontak (opsional)",
      cancel: "Batal",
      block: "Blokir bot",
      unblock: "Buka blokir",
      unblockBot: "Buka blokir bot",
      blockedNote: "Anda memblokir bot ini.",
      changeUser: "Ganti pengguna",
      emptyChat: "Belum ada pesan. Ketik /start untuk memulai.",
      edited: "diedit",
      you: "Anda",
      reconnecting: "menghubungkan ulang…",
      noPhone: "Pengguna ini belum punya nomor HP; bagikan nomor lain.",
      userGone: "Pengguna tidak ditemukan di sandbox.",
      blocked: "diblokir",
      admin: "admin",
      photo: "Foto",
      location: "Lokasi",
      openMap: "Buka di OpenStreetMap",
      contact: "Kontak",
      uploading: "Mengunggah…",
      otherLang: "English",
    },
    en: {
      commands: "Menu",
      pickUser: "Choose a user",
      pickHint: "Choose who you are in this sandbox, then chat with the bot as in Telegram.",
      noUsers: "No users yet. Create one below.",
      newUser: "New user",
      name: "Name",
      language: "Language",
      phone: "Phone number",
      userId: "Telegram ID (optional)",
      create: "Create and enter",
      typeMessage: "Type a message...",
      send: "Send",
      attach: "Send a document",
      keyboard: "Show/hide buttons",
      menu: "Menu",
      shareContact: "Share my contact",
      shareOther: "Share another number",
      shareSubmit: "Share",
      contactName: "Contact name (optional)",
      cancel: "Cancel",
      block: "Block bot",
      unblock: "Unblock",
      unblockBot: "Unblock bot",
      blockedNote: "You have blocked this bot.",
      changeUser: "Change user",
      emptyChat: "No messages yet. Type /start to begin.",
      edited: "edited",
      you: "You",
      reconnecting: "reconnecting…",
      noPhone: "This user has no phone number; share another number.",
      userGone: "User not found in the sandbox.",
      blocked: "blocked",
      admin: "admin",
      photo: "Photo",
      location: "Location",
      openMap: "Open in OpenStreetMap",
      contact: "Contact",
      uploading: "Uploading…",
      otherLang: "Bahasa Indonesia",
    },
  };

  function storedLang() {
    try { return localStorage.getItem("asnbot.sandbox.lang"); } catch { return null; }
  }
  let lang = storedLang() === "en" ? "en" : "id";
  const t = (key) => TEXTS[lang][key] ?? TEXTS.id[key] ?? key;

  // ---------------------------------------------------------------- helpers

  const $ = (id) => document.getElementById(id);
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [key, value] of Object.entries(props)) {
        if (value === undefined || value === null || value === false) continue;
        if (key === "class") node.className = value;
        else if (key === "text") node.textContent = value;
        else if (key === "testid") node.dataset.testid = value;
        else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, value === true ? "" : String(value));
      }
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child);
    }
    return node;
  }

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function api(method, path, body, signal) {
    const init = { method, headers: {}, signal, cache: "no-store" };
    if (body instanceof FormData) {
      init.body = body;
    } else if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(API + path, init);
    let data = null;
    try { data = await response.json(); } catch { data = null; }
    if (!response.ok) {
      throw new ApiError(response.status, (data && data.error) || `HTTP ${response.status}`);
    }
    return data;
  }

  /** http(s), mailto and tel links only; anything else is shown as plain text. */
  function safeUrl(raw) {
    if (typeof raw !== "string" || !raw) return null;
    try {
      const url = new URL(raw, "https://invalid.example/");
      if (!/^https?:\/\//i.test(raw) && !/^(mailto|tel):/i.test(raw)) {
        // Telegram treats "example.com/x" as a link to http://example.com/x.
        if (/^[\w.-]+\.[a-z]{2,}(\/|$)/i.test(raw)) return "http://" + raw;
        return null;
      }
      return ["http:", "https:", "mailto:", "tel:"].includes(url.protocol) ? url.href : null;
    } catch {
      return null;
    }
  }

  function osmUrl(lat, lon) {
    const la = Number(lat).toFixed(6);
    const lo = Number(lon).toFixed(6);
    return `https://www.openstreetmap.org/?mlat=${la}&mlon=${lo}#map=17/${la}/${lo}`;
  }

  function formatSize(bytes) {
    if (typeof bytes !== "number") return "";
    if (bytes < 1024) return `${bytes} B`;
    if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  }

  function formatTime(unix) {
    if (typeof unix !== "number") return "";
    const date = new Date(unix * 1000);
    return date.toLocaleTimeString(lang === "en" ? "en-GB" : "id-ID",
      { hour: "2-digit", minute: "2-digit" });
  }

  function fullName(user) {
    return [user.first_name, user.last_name].filter(Boolean).join(" ");
  }

  // ---------------------------------------------------------------- state

  const state = {
    userId: null,
    user: null,
    messages: new Map(), // message_id → message JSON
    lastSeq: 0,
    generation: 0, // bumped on every user switch; stale loops and answers stop
    poll: null, // AbortController of the running long poll
    keyboard: null, // rows of {text, request_contact}
    keyboardHidden: false,
  };

  // ---------------------------------------------------------------- i18n

  function applyTexts() {
    document.documentElement.lang = lang;
    for (const node of document.querySelectorAll("[data-i18n]")) {
      node.textContent = t(node.dataset.i18n);
    }
    for (const node of document.querySelectorAll("[data-i18n-placeholder]")) {
      node.placeholder = t(node.dataset.i18nPlaceholder);
    }
    for (const node of document.querySelectorAll("[data-i18n-title]")) {
      node.title = t(node.dataset.i18nTitle);
      node.setAttribute("aria-label", t(node.dataset.i18nTitle));
    }
    $("ui-lang").textContent = t("otherLang");
    $("new-user-form").elements.language_code.value = lang;
    renderBlocked();
  }

  // ---------------------------------------------------------------- toasts

  function toast(text, kind) {
    const node = el("div", { class: `toast${kind === "error" ? " error" : ""}`,
      testid: kind === "error" ? "error-toast" : "toast", role: "status", text });
    $("toasts").append(node);
    setTimeout(() => node.remove(), kind === "error" ? 5000 : 3000);
  }

  function showError(err) {
    toast(err instanceof Error ? err.message : String(err), "error");
  }

  function showAlert(text) {
    const dialog = $("alert-dialog");
    $("alert-text").textContent = text;
    if (!dialog.open) dialog.showModal();
  }

  // ---------------------------------------------------------------- bot name

  async function loadBotName() {
    // The JSON API has no "who is the bot" route; the bot's own getMe call tells.
    try {
      const data = await api("GET", "/calls?method=getMe");
      const calls = data.calls.filter((c) => c.response && c.response.ok);
      if (!calls.length) return false;
      const bot = calls[calls.length - 1].response.result;
      $("bot-name").textContent = bot.first_name || "Bot";
      $("bot-name").dataset.username = bot.username || "";
      $("bot-avatar").textContent = (bot.first_name || "B").trim().charAt(0).toUpperCase();
      document.title = `${bot.first_name} · Sandbox`;
      return true;
    } catch {
      return false;
    }
  }

  // ---------------------------------------------------------------- user picker

  async function showPicker() {
    stopChat();
    $("chat").hidden = true;
    $("picker").hidden = false;
    $("menu-button").hidden = true;
    $("back-button").hidden = true;
    $("conn").hidden = true;
    $("subtitle").textContent = t("pickUser");
    closeMenu();
    let users = [];
    try {
      users = (await api("GET", "/users")).users;
    } catch (err) {
      showError(err);
    }
    if (state.userId !== null) return; // the user picked someone meanwhile
    const list = $("user-list");
    list.replaceChildren();
    users.sort((a, b) => a.id - b.id);
    for (const user of users) {
      const name = fullName(user) || `User ${user.id}`;
      const meta = [`ID ${user.id}`, user.phone_number, user.language_code]
        .filter(Boolean).join(" · ");
      const looksAdmin = /admin/i.test(`${name} ${user.username || ""}`);
      const option = el("button", {
        type: "button", class: "user-option", testid: "user-option",
        "data-user-id": user.id,
        onclick: () => { location.hash = `user=${user.id}`; },
      },
      el("span", { class: "avatar", "aria-hidden": "true", text: name.charAt(0).toUpperCase() }),
      el("span", { class: "who" },
        el("div", { class: "name" }, name,
          looksAdmin ? el("span", { class: "badge", text: t("admin") }) : null,
          user.blocked ? el("span", { class: "badge blocked", text: t("blocked") }) : null),
        el("div", { class: "meta", text: meta })));
      list.append(el("li", null, option));
    }
    $("user-list-empty").hidden = users.length > 0;
    state.knownIds = users.map((u) => u.id);
  }

  async function createUser(event) {
    event.preventDefault();
    const form = event.currentTarget;
    const fields = form.elements;
    const taken = new Set(state.knownIds || []);
    let id = parseInt(fields.id.value, 10);
    if (!(id > 0)) {
      id = 2001;
      while (taken.has(id)) id += 1;
    }
    const body = {
      id,
      first_name: fields.first_name.value.trim(),
      language_code: fields.language_code.value,
    };
    const phone = fields.phone_number.value.trim();
    if (phone) body.phone_number = phone;
    try {
      await api("POST", "/users", body);
      form.reset();
      location.hash = `user=${id}`;
    } catch (err) {
      showError(err);
    }
  }

  // ---------------------------------------------------------------- chat lifecycle

  function stopChat() {
    state.generation += 1;
    if (state.poll) state.poll.abort();
    state.poll = null;
    state.userId = null;
    state.user = null;
    state.messages.clear();
    state.keyboard = null;
    $("messages").replaceChildren();
  }

  function openChat(userId) {
    stopChat();
    state.userId = userId;
    $("picker").hidden = true;
    $("chat").hidden = false;
    $("menu-button").hidden = false;
    $("back-button").hidden = false;
    $("subtitle").textContent = `ID ${userId}`;
    pollLoop(state.generation, userId);
    loadCommands(userId);
  }

  // ---------------------------------------------------------------- command menu

  /** The bot's command menu for this chat, as Telegram's "Menu" button shows it. */
  async function loadCommands(userId) {
    $("commands-button").hidden = true;
    closeCommands();
    let found = [];
    try {
      found = (await api("GET", `/users/${userId}/commands`)).commands || [];
    } catch { /* the bot may not have set its menu yet */ }
    if (state.userId !== userId) return;
    const list = $("commands");
    list.replaceChildren(...found.map((c) => {
      const send = () => { closeCommands(); sendText(`/${c.command}`); };
      return el("button", { type: "button", class: "cmd", role: "menuitem", testid: "command",
                            onclick: send },
        el("span", { class: "cmd-name" }, `/${c.command}`),
        el("span", { class: "cmd-desc" }, c.description));
    }));
    $("commands-button").hidden = found.length === 0;
  }

  function closeCommands() {
    $("commands").hidden = true;
    $("commands-button").setAttribute("aria-expanded", "false");
  }

  function toggleCommands(event) {
    event.stopPropagation();
    const list = $("commands");
    list.hidden = !list.hidden;
    $("commands-button").setAttribute("aria-expanded", String(!list.hidden));
  }

  function setUser(user) {
    state.user = user;
    const name = fullName(user) || `User ${user.id}`;
    $("subtitle").textContent = `${t("you")}: ${name} (${user.id})`;
    $("subtitle").dataset.userId = user.id;
    renderBlocked();
  }

  /** Show the chat as the server has it now (on open, and after a connection gap). */
  async function syncChat(generation, userId) {
    const data = await api("GET", `/users/${userId}/chat`);
    if (generation !== state.generation) return false;
    const first = state.user === null;
    setUser(data.user);
    state.messages.clear();
    for (const node of $("messages").querySelectorAll("[data-message-id]")) node.remove();
    for (const message of data.messages) upsertMessage(message, false);
    renderEmpty();
    setKeyboard(data.reply_keyboard);
    state.lastSeq = data.last_seq;
    if (first) {
      scrollToBottom();
      $("message-input").focus();
    }
    return true;
  }

  async function pollLoop(generation, userId) {
    let backoff = 1000;
    let synced = false;
    while (generation === state.generation) {
      const controller = new AbortController();
      state.poll = controller;
      try {
        if (!synced) {
          // Events missed while away (or a restarted sandbox with new sequence numbers)
          // are covered by reading the whole chat again.
          if (!(await syncChat(generation, userId))) return;
          synced = true;
          setConnection(true);
        }
        const started = Date.now();
        const data = await api("GET",
          `/users/${userId}/events?after=${state.lastSeq}&timeout=${POLL_TIMEOUT}`,
          undefined, controller.signal);
        if (generation !== state.generation) return;
        setConnection(true);
        backoff = 1000;
        applyEvents(data.events);
        state.lastSeq = Math.max(state.lastSeq, data.last_seq);
        // A server shutting down answers at once with nothing: do not hammer it.
        if (!data.events.length && Date.now() - started < MIN_POLL_GAP) await sleep(MIN_POLL_GAP);
      } catch (err) {
        if (generation !== state.generation) return;
        if (err instanceof ApiError && err.status === 404) {
          toast(t("userGone"), "error");
          location.hash = "";
          return;
        }
        synced = false;
        setConnection(false);
        await sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF);
      }
    }
  }

  function setConnection(ok) {
    const node = $("conn");
    node.hidden = ok;
    node.dataset.state = ok ? "ok" : "error";
    node.textContent = ok ? "" : t("reconnecting");
  }

  function applyEvents(events) {
    let botMessage = false;
    for (const event of events) {
      if (event.seq <= state.lastSeq) continue;
      if ((event.kind === "message" || event.kind === "edit") && event.message) {
        upsertMessage(event.message, true);
        if (event.message.from_bot && event.kind === "message") botMessage = true;
      } else if (event.kind === "delete") {
        removeMessage(event.message_id);
      } else if (event.kind === "callback_answer") {
        callbackAnswered(event.message_id, event.answer || {});
      }
      state.lastSeq = event.seq;
    }
    renderEmpty();
    // Message events show a reply keyboard's labels only; the chat route knows whether a
    // button requests the contact and whether the keyboard was removed.
    if (botMessage) refreshChatState();
  }

  async function refreshChatState() {
    const generation = state.generation;
    try {
      const data = await api("GET", `/users/${state.userId}/chat`);
      if (generation !== state.generation) return;
      setUser(data.user);
      setKeyboard(data.reply_keyboard);
    } catch {
      // The next event brings another chance.
    }
  }

  // ---------------------------------------------------------------- messages

  function nearBottom() {
    const list = $("messages");
    return list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  }

  function scrollToBottom() {
    const list = $("messages");
    list.scrollTop = list.scrollHeight;
  }

  function renderEmpty() {
    const list = $("messages");
    const existing = list.querySelector(".empty-chat");
    if (state.messages.size === 0 && !existing) {
      list.append(el("div", { class: "empty-chat", testid: "empty-chat", text: t("emptyChat") }));
    } else if (state.messages.size > 0 && existing) {
      existing.remove();
    }
  }

  function upsertMessage(message, live) {
    const id = message.message_id;
    const stick = nearBottom() || (live && !message.from_bot);
    const node = renderMessage(message);
    const list = $("messages");
    const old = list.querySelector(`[data-message-id="${id}"]`);
    state.messages.set(id, message);
    if (old) {
      old.replaceWith(node);
    } else {
      // Keep id order even when an answer overtakes an event.
      let before = null;
      for (const other of list.querySelectorAll("[data-message-id]")) {
        if (Number(other.dataset.messageId) > id) { before = other; break; }
      }
      list.insertBefore(node, before);
    }
    if (stick) scrollToBottom();
  }

  function removeMessage(id) {
    state.messages.delete(id);
    const node = $("messages").querySelector(`[data-message-id="${id}"]`);
    if (node) node.remove();
  }

  function renderMessage(m) {
    const bubble = el("div", { class: "bubble" });
    if (m.photo) bubble.append(renderPhoto(m.photo, m.text));
    if (m.document) bubble.append(renderDocument(m.document));
    if (m.venue) {
      const v = m.venue;
      bubble.append(renderPlace(v.title, v.address, v.location.latitude, v.location.longitude,
        "venue"));
    } else if (m.location) {
      const { latitude, longitude } = m.location;
      bubble.append(renderPlace(t("location"),
        `${Number(latitude).toFixed(5)}, ${Number(longitude).toFixed(5)}`,
        latitude, longitude, "location"));
    }
    if (m.contact) bubble.append(renderContact(m.contact));

    const meta = [m.edited ? t("edited") : null, formatTime(m.date)].filter(Boolean).join(" ");
    if (m.text) {
      const text = el("div", { class: "text", testid: "message-text" });
      renderEntities(text, m.text, m.entities || []);
      // An invisible copy of the time keeps room for it at the end of the last line.
      text.append(el("span", { class: "meta-spacer", "aria-hidden": "true", text: meta }));
      bubble.append(text);
      bubble.append(el("span", { class: "meta-line floating", text: meta }));
    } else {
      bubble.append(el("div", { class: "meta-line block", text: meta }));
    }

    const node = el("div", {
      class: `msg ${m.from_bot ? "in" : "out"}`, testid: "message",
      "data-message-id": m.message_id, "data-from": m.from_bot ? "bot" : "user",
      "data-kind": m.kind, "data-edited": m.edited ? "true" : null,
    }, bubble);
    if (m.buttons && m.buttons.length) {
      node.classList.add("has-keyboard");
      node.append(renderInlineKeyboard(m));
    }
    return node;
  }

  function renderPhoto(photo, caption) {
    const img = el("img", {
      class: "photo", testid: "message-photo", src: photo.url, alt: caption || t("photo"),
      width: photo.width, height: photo.height, loading: "lazy", decoding: "async",
    });
    img.addEventListener("load", () => { if (nearBottom()) scrollToBottom(); }, { once: true });
    return el("a", { class: "photo-wrap", href: photo.url, target: "_blank", rel: "noopener" }, img);
  }

  function renderDocument(doc) {
    const name = doc.file_name || "document";
    const ext = name.includes(".") ? name.split(".").pop().slice(0, 4).toUpperCase() : "FILE";
    return el("div", { class: "doc", testid: "message-document" },
      el("span", { class: "icon", "aria-hidden": "true", text: ext }),
      el("span", { class: "info" },
        el("a", { href: doc.url, download: name, testid: "document-link", text: name }),
        el("div", { class: "size", text: [formatSize(doc.file_size), doc.mime_type]
          .filter(Boolean).join(" · ") })));
  }

  function renderPlace(title, subtitle, lat, lon, kind) {
    return el("div", { class: "place", testid: `message-${kind}` },
      el("div", { class: "place-title", text: title || t("location") }),
      subtitle ? el("div", { class: "place-sub", text: subtitle }) : null,
      el("a", { class: "card-link", href: osmUrl(lat, lon), target: "_blank",
        rel: "noopener noreferrer", testid: "map-link", text: t("openMap") }));
  }

  function renderContact(contact) {
    const name = [contact.first_name, contact.last_name].filter(Boolean).join(" ");
    return el("div", { class: "place", testid: "message-contact" },
      el("div", { class: "place-title", text: `\u260E ${name || t("contact")}` }),
      el("div", { class: "place-sub", text: contact.phone_number || "" }));
  }

  /**
   * Telegram's formatting from plain text + entities (UTF-16 offsets, which are exactly
   * JavaScript string indexes). Entities nest; one crossing its parent's end is cut there.
   */
  function renderEntities(container, text, entities) {
    const sorted = entities
      .filter((e) => Number.isInteger(e.offset) && Number.isInteger(e.length) && e.length > 0)
      .slice()
      .sort((a, b) => a.offset - b.offset || b.length - a.length);
    const stack = [{ node: container, end: text.length, plain: true }];
    let pos = 0;
    const top = () => stack[stack.length - 1];
    const emit = (upTo) => {
      if (upTo > pos) {
        const part = text.slice(pos, upTo);
        if (top().plain) autoLink(top().node, part);
        else top().node.append(document.createTextNode(part));
        pos = upTo;
      }
    };
    for (const entity of sorted) {
      const start = entity.offset;
      while (stack.length > 1 && top().end <= start) {
        emit(top().end);
        stack.pop();
      }
      if (start < pos) continue;
      const end = Math.min(start + entity.length, top().end);
      if (end <= start) continue;
      emit(start);
      const [outer, inner] = entityNode(entity, text.slice(start, end));
      top().node.append(outer);
      stack.push({ node: inner, end, plain: top().plain && !OPAQUE.has(entity.type) });
    }
    while (stack.length > 1) {
      emit(top().end);
      stack.pop();
    }
    emit(text.length);
  }

  // Inside these no links or commands are detected.
  const OPAQUE = new Set(["code", "pre", "text_link", "url", "email", "phone_number", "mention",
    "bot_command", "text_mention", "custom_emoji"]);
  const AUTO_RE = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'])|(^|[\s(])(\/[A-Za-z0-9_]{1,32})(?![\w/])/g;

  /**
   * Telegram's server marks links and /commands in text as entities; the emulator leaves
   * that to the client, so plain text gets them here (like any Telegram app shows them).
   */
  function autoLink(parent, part) {
    let last = 0;
    for (const match of part.matchAll(AUTO_RE)) {
      const [, url, lead, command] = match;
      const start = match.index + (url ? 0 : lead.length);
      const token = url || command;
      if (start > last) parent.append(document.createTextNode(part.slice(last, start)));
      const href = url ? safeUrl(url) : null;
      if (href) {
        const anchor = link(href, "url");
        anchor.textContent = url;
        parent.append(anchor);
      } else if (url) {
        parent.append(document.createTextNode(url));
      } else {
        const [node] = entityNode({ type: "bot_command" }, command);
        node.textContent = command;
        parent.append(node);
      }
      last = start + token.length;
    }
    if (last < part.length) parent.append(document.createTextNode(part.slice(last)));
  }

  function link(href, testid) {
    return el("a", { href, target: "_blank", rel: "noopener noreferrer", testid });
  }

  function entityNode(entity, content) {
    const one = (node) => [node, node];
    switch (entity.type) {
      case "bold": return one(el("b"));
      case "italic": return one(el("i"));
      case "underline": return one(el("u"));
      case "strikethrough": return one(el("s"));
      case "code": return one(el("code"));
      case "pre": {
        const code = el("code", entity.language ? { "data-language": entity.language } : null);
        return [el("pre", null, code), code];
      }
      case "blockquote":
      case "expandable_blockquote":
        return one(el("blockquote"));
      case "spoiler": {
        const span = el("span", { class: "spoiler", title: "spoiler" });
        span.addEventListener("click", () => span.classList.add("revealed"));
        return one(span);
      }
      case "text_link": {
        const href = safeUrl(entity.url);
        return one(href ? link(href, "text-link") : el("span"));
      }
      case "url": {
        const href = safeUrl(content);
        return one(href ? link(href, "url") : el("span"));
      }
      case "email": return one(link(`mailto:${content}`));
      case "phone_number": return one(link(`tel:${content.replace(/[^\d+]/g, "")}`));
      case "mention": return one(link(`https://t.me/${encodeURIComponent(content.slice(1))}`));
      case "bot_command": {
        const span = el("span", { class: "command", role: "button", tabindex: "0" });
        span.addEventListener("click", () => sendText(content.split("@")[0]));
        return one(span);
      }
      default: return one(el("span", { "data-entity": entity.type }));
    }
  }

  // ---------------------------------------------------------------- inline keyboards

  function renderInlineKeyboard(message) {
    const box = el("div", { class: "inline-keyboard", testid: "inline-keyboard" });
    for (const row of message.buttons) {
      const line = el("div", { class: "row" });
      for (const button of row) {
        const href = button.url ? safeUrl(button.url) : null;
        if (href) {
          line.append(el("a", { class: "inline-btn url", href, target: "_blank",
            rel: "noopener noreferrer", testid: "inline-button", text: button.text }));
        } else {
          line.append(el("button", {
            type: "button", class: "inline-btn", testid: "inline-button",
            "data-callback-data": button.callback_data, text: button.text,
            disabled: button.callback_data == null,
            onclick: (event) => press(message.message_id, button, event.currentTarget),
          }));
        }
      }
      box.append(line);
    }
    return box;
  }

  const pending = new Map(); // message_id → buttons waiting for the bot's answer

  async function press(messageId, button, node) {
    node.disabled = true;
    pending.set(messageId, node);
    // Telegram stops the spinner after a while even if the bot never answers.
    setTimeout(() => { node.disabled = false; }, 8000);
    try {
      await api("POST", `/users/${state.userId}/press`,
        { callback_data: button.callback_data, message_id: messageId, wait: 0 });
    } catch (err) {
      node.disabled = false;
      showError(err);
    }
  }

  function callbackAnswered(messageId, answer) {
    const node = pending.get(messageId);
    if (node) {
      node.disabled = false;
      pending.delete(messageId);
    }
    if (answer.text) {
      if (answer.show_alert) showAlert(answer.text);
      else toast(answer.text);
    }
    if (answer.url) {
      const href = safeUrl(answer.url);
      if (href) toast(href);
    }
  }

  // ---------------------------------------------------------------- reply keyboard

  function setKeyboard(rows) {
    state.keyboard = rows && rows.length ? rows : null;
    const box = $("reply-keyboard");
    box.replaceChildren();
    if (state.keyboard) {
      for (const row of state.keyboard) {
        const line = el("div", { class: "row" });
        for (const button of row) {
          line.append(el("button", {
            type: "button", class: `reply-btn${button.request_contact ? " contact" : ""}`,
            testid: "reply-button", "data-request-contact": button.request_contact ? "true" : null,
            text: button.text, onclick: () => tap(button),
          }));
        }
        box.append(line);
      }
    }
    $("kb-toggle").hidden = !state.keyboard;
    box.hidden = !state.keyboard || state.keyboardHidden;
  }

  async function tap(button) {
    if (button.request_contact && !(state.user && state.user.phone_number)) {
      openOtherNumber(true);
      return;
    }
    await act(() => api("POST", `/users/${state.userId}/tap`, { label: button.text }));
  }

  // ---------------------------------------------------------------- actions

  /** Run a user action that answers with the message it posted. */
  async function act(call) {
    const generation = state.generation;
    try {
      const message = await call();
      if (generation === state.generation && message && message.message_id) {
        upsertMessage(message, true);
        renderEmpty();
      }
      return true;
    } catch (err) {
      showError(err);
      return false;
    }
  }

  async function sendText(text) {
    if (!text || state.userId === null) return false;
    return act(() => api("POST", `/users/${state.userId}/messages`, { text }));
  }

  async function onSubmit(event) {
    event.preventDefault();
    const input = $("message-input");
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    const ok = await sendText(text);
    if (!ok && !input.value) input.value = text;
    input.focus();
  }

  async function onFile(event) {
    const file = event.target.files && event.target.files[0];
    event.target.value = "";
    if (!file || state.userId === null) return;
    const form = new FormData();
    form.append("document", file, file.name);
    const input = $("message-input");
    const caption = input.value.trim();
    if (caption) form.append("caption", caption);
    toast(t("uploading"));
    const ok = await act(() => api("POST", `/users/${state.userId}/documents`, form));
    if (ok && caption) input.value = "";
  }

  async function shareOwnContact() {
    closeMenu();
    if (!(state.user && state.user.phone_number)) {
      openOtherNumber(true);
      return;
    }
    await act(() => api("POST", `/users/${state.userId}/contact`, {}));
  }

  function openOtherNumber(noPhone) {
    closeMenu();
    const dialog = $("other-dialog");
    $("other-form").reset();
    $("other-hint").hidden = noPhone !== true;
    if (!dialog.open) dialog.showModal();
  }

  async function shareOtherNumber(event) {
    event.preventDefault();
    const fields = event.currentTarget.elements;
    const body = { phone_number: fields.phone_number.value.trim() };
    const name = fields.first_name.value.trim();
    if (name) body.first_name = name;
    if (!body.phone_number) return;
    $("other-dialog").close();
    await act(() => api("POST", `/users/${state.userId}/contact`, body));
  }

  async function toggleBlock() {
    closeMenu();
    if (!state.user) return;
    const route = state.user.blocked ? "unblock" : "block";
    try {
      setUser(await api("POST", `/users/${state.userId}/${route}`));
    } catch (err) {
      showError(err);
    }
  }

  function renderBlocked() {
    const blocked = Boolean(state.user && state.user.blocked);
    $("blocked-bar").hidden = !blocked;
    $("composer").classList.toggle("disabled", blocked);
    $("message-input").disabled = blocked;
    $("menu-block").textContent = blocked ? t("unblockBot") : t("block");
    $("reply-keyboard").classList.toggle("disabled", blocked);
  }

  // ---------------------------------------------------------------- menu

  function closeMenu() {
    $("menu").hidden = true;
    $("menu-button").setAttribute("aria-expanded", "false");
  }

  function toggleMenu(event) {
    event.stopPropagation();
    const menu = $("menu");
    menu.hidden = !menu.hidden;
    $("menu-button").setAttribute("aria-expanded", String(!menu.hidden));
  }

  // ---------------------------------------------------------------- routing

  function hashUserId() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    const id = parseInt(params.get("user") || "", 10);
    return id > 0 ? id : null;
  }

  function route() {
    const id = hashUserId();
    if (id === null) {
      showPicker();
    } else if (id !== state.userId) {
      openChat(id);
    }
  }

  // ---------------------------------------------------------------- start

  function init() {
    applyTexts();
    $("composer").addEventListener("submit", onSubmit);
    $("file-input").addEventListener("change", onFile);
    $("new-user-form").addEventListener("submit", createUser);
    $("other-form").addEventListener("submit", shareOtherNumber);
    $("other-cancel").addEventListener("click", () => $("other-dialog").close());
    $("menu-button").addEventListener("click", toggleMenu);
    $("commands-button").addEventListener("click", toggleCommands);
    $("menu-contact").addEventListener("click", shareOwnContact);
    $("menu-other").addEventListener("click", openOtherNumber);
    $("menu-block").addEventListener("click", toggleBlock);
    $("menu-user").addEventListener("click", () => { closeMenu(); location.hash = ""; });
    $("back-button").addEventListener("click", () => { location.hash = ""; });
    $("unblock-button").addEventListener("click", toggleBlock);
    $("kb-toggle").addEventListener("click", () => {
      state.keyboardHidden = !state.keyboardHidden;
      $("reply-keyboard").hidden = !state.keyboard || state.keyboardHidden;
    });
    $("ui-lang").addEventListener("click", () => {
      lang = lang === "id" ? "en" : "id";
      try { localStorage.setItem("asnbot.sandbox.lang", lang); } catch { /* private mode */ }
      applyTexts();
      if (state.userId === null) showPicker();
    });
    document.addEventListener("click", (event) => {
      if (!$("menu").hidden && !$("menu").contains(event.target)) closeMenu();
    });
    document.addEventListener("click", (event) => {
      if (!$("commands").hidden && !$("commands").contains(event.target)) closeCommands();
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") { closeMenu(); closeCommands(); }
    });
    window.addEventListener("hashchange", route);
    loadBotName().then((found) => {
      // The bot may still be starting: ask once more a little later.
      if (!found) setTimeout(loadBotName, 3000);
    });
    route();
  }

  init();
})();
