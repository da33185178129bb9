// The accessibility problems found on the page, in words (see test_accessibility.py).
() => {
  const problems = [];
  const lum = (rgb) => {
    const [r, g, b] = rgb.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const parse = (c) => (c.match(/[\d.]+/g) || []).map(Number);
  const background = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  if (!document.documentElement.lang) problems.push("html has no lang");
  if (document.querySelectorAll("h1").length !== 1) problems.push("page needs exactly one h1");
  if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push("page scrolls sideways");
  for (const input of document.querySelectorAll("input, select, textarea")) {
    if (input.type === "hidden" || input.closest("[hidden]")) continue;
    const labelled = (input.labels && input.labels.length) || input.getAttribute("aria-label") || input.getAttribute("aria-labelledby");
    if (!labelled) problems.push(`unlabelled ${input.tagName} ${input.name}`);
  }
  for (const el of document.querySelectorAll("body *")) {
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none" || !el.offsetParent && style.position !== "fixed") continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const fg = lum(parse(style.color).slice(0, 3));
    const bg = lum(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    if (ratio < 4.5) problems.push(`contrast ${ratio.toFixed(2)} on "${el.textContent.trim().slice(0, 30)}"`);
  }
  for (const el of document.querySelectorAll("main button, main .btn, nav a")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.height < 44) problems.push(`small tap target (${Math.round(box.height)}px) "${el.textContent.trim().slice(0, 30)}"`);
  }
  return problems;
}
