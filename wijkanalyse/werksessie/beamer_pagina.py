"""The beamer page itself: HTML, CSS and the script that keeps it current.

Large type for a projector (body at least 24 px, more on a larger screen), nothing to click,
``lang="nl"``; plotly.js comes from the werksessie's own server (``/werksessie/plotly.min.js``),
so the page makes no request outside it. The script asks ``beamer.json`` with the change
counter it last saw; the server answers when something changed (or after a while with 204),
and the page redraws only then. The timer counts down in the page between answers, from the
seconds left the server gave.
"""

from __future__ import annotations

PAGINA = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Werksessie — beamer</title>
<style>
html { font-size: max(24px, 2.2vw); }
body { margin: 0; font-family: system-ui, sans-serif; color: #1a1a1a; background: #fff;
  line-height: 1.3; }
main { display: flex; flex-direction: column; height: 100vh; box-sizing: border-box;
  padding: .6rem 1.2rem calc(.9rem + 112px); }  /* room for the folded QR codes */
header { display: flex; align-items: baseline; gap: 1rem; }
h1 { font-size: 1.5rem; margin: 0; flex: 1; }
#wa-klok { font-size: 1.6rem; font-weight: bold; font-variant-numeric: tabular-nums;
  padding: 0 .4em; border-radius: .2em; }
#wa-klok.wa-bijna { background: #8b0000; color: #fff; }
#wa-klok:empty { display: none; }
.wa-vraag { margin: .2rem 0 .4rem; }
.wa-stand { margin: 0 0 .3rem; }
.wa-status { font-weight: bold; }
#wa-resultaten { flex: 1; min-height: 0; display: flex; flex-direction: column; }
#wa-grafiek { flex: 1; min-height: 0; overflow: hidden; }
#wa-voorstellen { margin: 0; padding-left: 1.4em; columns: 2; column-gap: 2rem;
  overflow: hidden; }
#wa-voorstellen li { break-inside: avoid; margin: 0 0 .3em; }
.wa-klein { font-size: .8rem; }
.wa-leeg { font-size: 1.2rem; color: #333; }
.wa-nog-niet { margin: .2rem 0 0; }
#wa-qr { position: fixed; right: .5rem; bottom: .5rem; background: #fff;
  border: 2px solid #5a5a5a; border-radius: 8px; padding: .2rem .4rem; display: flex;
  gap: .6rem; }
#wa-qr .wa-qr-groep { text-align: center; font-size: 18px; }
#wa-qr svg { width: 80px; height: 80px; display: block; margin: 0 auto; }
#wa-qr .wa-url { display: none; }
#wa-qr.wa-groot { inset: 0; border: 0; border-radius: 0; justify-content: center;
  align-items: center; gap: 3rem; padding: 2rem; }
#wa-qr.wa-groot .wa-qr-groep { font-size: 1.2rem; }
#wa-qr.wa-groot svg { width: min(38vh, 28vw); height: min(38vh, 28vw); }
#wa-qr.wa-groot .wa-url { display: block; font-size: .9rem; word-break: break-all;
  max-width: 28vw; }
.wa-verborgen { display: none !important; }
.wa-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
</style></head>
<body>
<main>
<header><h1 id="wa-titel">Werksessie</h1>
<div id="wa-klok" role="timer" aria-live="off" aria-label="Resterende tijd"></div></header>
<p class="wa-vraag" id="wa-vraag">Zo begint de eerste ronde.</p>
<p class="wa-stand" id="wa-stand" aria-live="polite"></p>
<section id="wa-resultaten" aria-labelledby="wa-resultaten-kop">
<h2 class="wa-sr" id="wa-resultaten-kop">Resultaten</h2>
<div id="wa-grafiek" class="wa-verborgen" role="img" aria-label="Grafiek van de resultaten">
</div>
<ol id="wa-voorstellen" class="wa-verborgen"></ol>
<p id="wa-leeg" class="wa-leeg">Nog geen antwoorden.</p>
<p id="wa-nog-niet" class="wa-nog-niet wa-verborgen"></p>
</section>
</main>
<aside id="wa-qr" aria-label="Meedoen"></aside>
<script src="plotly.min.js"></script>
<script>
(function () {
  "use strict";
  var sleutel = new URLSearchParams(location.search).get("sleutel") || "";
  var teller = -1, eind = null, rondeId = null, laatsteFig = null;
  var $ = function (id) { return document.getElementById(id); };
  function tekst(id, t) { $(id).textContent = t; }
  function toon(id, ja) { $(id).classList.toggle("wa-verborgen", !ja); }
  function letter() { return Math.max(22, Math.round(window.innerWidth / 56)); }
  function klok() {
    var k = $("wa-klok");
    if (eind === null) { k.textContent = ""; k.classList.remove("wa-bijna"); return; }
    var s = Math.max(0, Math.ceil((eind - Date.now()) / 1000));
    k.textContent = s > 0 ? Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0")
      : "Tijd is om";
    k.classList.toggle("wa-bijna", s <= 30);
  }
  function grafiek(fig) {
    var g = $("wa-grafiek");
    if (!fig || !window.Plotly) {
      toon("wa-grafiek", false);
      if (window.Plotly) Plotly.purge(g);
      return;
    }
    toon("wa-grafiek", true);
    var f = letter(), lay = fig.layout || {};
    lay.font = Object.assign({}, lay.font, {size: f});
    ["xaxis", "xaxis2", "yaxis", "yaxis2"].forEach(function (a) {
      if (lay[a]) { lay[a].tickfont = Object.assign({}, lay[a].tickfont, {size: f}); }
    });
    (lay.annotations || []).forEach(function (a) {
      a.font = Object.assign({}, a.font, {size: f});
    });
    (fig.data || []).forEach(function (d) { if (d.textfont) d.textfont.size = f; });
    lay.autosize = false;
    lay.width = g.clientWidth;
    lay.height = Math.max(200, g.clientHeight);
    Plotly.react(g, fig.data, lay, {staticPlot: true, displayModeBar: false});
    laatsteFig = fig;
  }
  function qr(t) {
    var vak = $("wa-qr");
    vak.classList.toggle("wa-groot", !!t.qr_groot);
    var html = "";
    t.groepen.forEach(function (g) {
      html += "<div class='wa-qr-groep'>" + g.qr + "<div>" + esc(g.naam) + "</div>" +
        "<div class='wa-url'>" + esc(g.url) + "</div></div>";
    });
    if (vak.getAttribute("data-html") !== html) {
      vak.innerHTML = html;
      vak.setAttribute("data-html", html);
    }
  }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  function verwerk(t) {
    qr(t);
    var r = t.ronde;
    if (!r) {
      tekst("wa-titel", "Werksessie " + t.wijk);
      tekst("wa-vraag", "Zo begint de eerste ronde. Doe mee met de QR-code van uw groep.");
      tekst("wa-stand", t.deelnemers + (t.deelnemers === 1 ? " deelnemer" : " deelnemers"));
      eind = null; klok(); grafiek(null); toon("wa-voorstellen", false); toon("wa-leeg", false);
      toon("wa-nog-niet", false);
      document.body.setAttribute("data-ronde", "");
      return;
    }
    tekst("wa-titel", "Ronde " + r.volgorde + ": " + r.titel);
    tekst("wa-vraag", r.vraag);
    var status = {open: "open", gesloten: "gesloten"}[r.status] || "nog niet geopend";
    $("wa-stand").innerHTML = "Ronde <span class='wa-status'>" + status + "</span> · " +
      "<span class='wa-geantwoord'>" + r.geantwoord + " van " + t.deelnemers + "</span> " +
      (t.deelnemers === 1 ? "deelnemer heeft" : "deelnemers hebben") + " geantwoord · " +
      "<span class='wa-antwoorden'>" + r.antwoorden + "</span> " +
      (r.antwoorden === 1 ? "antwoord" : "antwoorden");
    eind = (r.resterend === null || r.resterend === undefined) ? null
      : Date.now() + r.resterend * 1000;
    klok();
    var lijst = r.soort === "opgaven" || r.soort === "kansen";
    var ol = $("wa-voorstellen");
    if (lijst) {
      ol.innerHTML = (t.voorstellen || []).map(function (v) {
        return "<li>" + esc(v.tekst) + (v.paar ? " <span class='wa-klein'>(" + esc(v.soort) +
          " · " + esc(v.paar) + ")</span>" : "") + (v.aantal > 1 ? " <span class='wa-klein'>(" +
          v.aantal + "×)</span>" : "") + "</li>";
      }).join("");
    }
    toon("wa-voorstellen", lijst && (t.voorstellen || []).length > 0);
    var leeg = lijst ? !(t.voorstellen || []).length : !t.figuur;
    tekst("wa-leeg", lijst ? "Nog geen voorstellen." : "Nog geen antwoorden.");
    toon("wa-leeg", leeg);
    if (r.nog_niet.length && r.status === "open") {
      tekst("wa-nog-niet", "Nog niet geantwoord: " + r.nog_niet.join(", "));
      toon("wa-nog-niet", true);
    } else { toon("wa-nog-niet", false); }
    grafiek(lijst ? null : t.figuur);  // last: it takes the height the rest leaves
    document.body.setAttribute("data-ronde", String(r.id));
    rondeId = r.id;
  }
  function vraag() {
    fetch("beamer.json?sleutel=" + encodeURIComponent(sleutel) + "&na=" + teller,
          {cache: "no-store"})
      .then(function (a) {
        if (a.status === 200) return a.json();
        if (a.status === 403) { tekst("wa-titel", "Geen toegang"); throw new Error("403"); }
        return null;
      })
      .then(function (t) {
        if (t) {
          teller = t.teller;
          verwerk(t);
          document.body.setAttribute("data-teller", String(teller));
        }
        setTimeout(vraag, 0);
      })
      .catch(function (err) { if (String(err).indexOf("403") < 0) setTimeout(vraag, 2000); });
  }
  window.addEventListener("resize", function () {
    if (laatsteFig && !$("wa-grafiek").classList.contains("wa-verborgen")) grafiek(laatsteFig);
  });
  setInterval(klok, 250);
  vraag();
})();
</script>
</body></html>
"""
