import Foundation

/// The review pages' one style sheet and their scripts, inline, and the Content-Security-Policy
/// that lets only them run: a page fetches nothing, and a script that is not byte for byte one of
/// these (say, one a plan smuggled in past the escaping) is refused by the browser.
enum ReviewAssets {
    /// `<meta>` CSP allowing exactly `script` and `style` (by their SHA-256), images from `data:` only.
    static func policy(script: String, style: String) -> String {
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            + "script-src '\(hash(script))'; style-src '\(hash(style))'; img-src data:\">"
    }

    /// "sha256-…": the CSP source expression of an inline element's text.
    static func hash(_ text: String) -> String {
        var hasher = SHA256()
        hasher.update(Array(text.utf8))
        return "sha256-" + Data(hasher.finalize()).base64EncodedString()
    }

    /// Shared by the plan pages and the index.
    static let baseStyle = """
    :root{--fg:#1d232a;--mute:#5f6b76;--line:#d9dee3;--bg:#fff;--soft:#f5f7f9;--nav:17.5rem}
    *{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%}
    body{margin:0;color:var(--fg);background:var(--bg);font:14px/1.45 "Noto Sans","DejaVu Sans","Segoe UI",Roboto,Arial,sans-serif}
    a{color:#1f5fae}
    h1{font-size:1.35rem;margin:.2rem 0 .3rem}
    h2{font-size:1.1rem;margin:1.4rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
    h3{font-size:.98rem;margin:1rem 0 .4rem}
    .sv{color:var(--mute);font-size:.85em}
    table{border-collapse:collapse}
    th,td{border-bottom:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}
    th{background:var(--soft);font-weight:600}
    """

    static let pageStyle = baseStyle + """
    nav{position:fixed;top:0;left:0;bottom:0;width:var(--nav);overflow:auto;background:var(--soft);border-right:1px solid var(--line);padding:.7rem .8rem 3rem;font-size:13px}
    nav .brand{font-weight:700;color:var(--mute);font-size:12px;letter-spacing:.04em;text-transform:uppercase}
    nav h4{margin:.9rem 0 .25rem;font-size:12px;color:var(--mute);text-transform:uppercase;letter-spacing:.04em}
    nav ul{list-style:none;margin:0;padding-left:.8rem}
    nav>ul{padding-left:0}
    nav li{margin:.1rem 0}
    nav a{text-decoration:none;display:block;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
    nav a:hover{text-decoration:underline}
    nav .keys{margin:.5rem 0;padding:.4rem .5rem;background:#fff;border:1px solid var(--line);border-radius:4px}
    kbd{border:1px solid #b8c0c8;border-bottom-width:2px;border-radius:3px;padding:0 .3em;font:12px monospace;background:#fff}
    main{margin-left:var(--nav);padding:.8rem 1.2rem 4rem;min-width:0}
    #sum .ti{margin:.1rem 0 .3rem;font-size:1rem}
    #sum .path{margin:0 0 .6rem;color:var(--mute);font-size:12px;word-break:break-all}
    .facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.3rem 1rem;margin:.4rem 0}
    .facts div{min-width:0}
    .facts dt{font-size:11px;color:var(--mute);text-transform:uppercase;letter-spacing:.03em}
    .facts dd{margin:0;overflow-wrap:anywhere}
    .counts{display:flex;flex-wrap:wrap;gap:.4rem;margin:.6rem 0}
    .counts a,.counts span{display:block;border:1px solid var(--line);border-radius:5px;padding:.2rem .55rem;text-decoration:none;color:var(--fg);background:#fff}
    .counts b{font-size:1.1rem;margin-right:.25rem}
    .counts .bad{border-color:#d9534f;background:#fdecea}
    .counts .warn{border-color:#e0a030;background:#fff6e0}
    .verdict{padding:.4rem .6rem;border-radius:5px;margin:.4rem 0}
    .verdict.need{background:#fff3cd;border:1px solid #e8c66a}
    .verdict.ok{background:#e8f5e9;border:1px solid #9ccc9f}
    .docdiag .d{max-width:60rem}
    .docdiag .d .h{display:inline;margin-left:.6em}
    .lead{color:var(--mute);font-size:13px;margin:.2rem 0 .6rem}
    .key{white-space:nowrap}
    .sw{display:inline-block;width:.9em;height:.7em;margin:0 .25em 0 .7em;vertical-align:baseline;border:1px solid #0003}
    .sw.p{background:#3b6fd8}.sw.n{background:#9aa5b1}.sw.w{background:#d9534f}.sw.a{background:#3b6fd859;border:1px dashed #3b6fd8}
    .tg{margin:.3rem 0 .6rem;font-size:13px;width:100%;max-width:62rem}
    .tg .q{color:var(--mute);font-size:12px}
    .v-weak{color:#b3261e;font-weight:600}.v-ok{color:#2e7d32}.v-na{color:var(--mute)}
    .bare{font-size:13px;color:var(--mute)}
    .none{color:var(--mute)}
    svg.chart{display:block;max-width:100%;height:auto;font:11px "Noto Sans","DejaVu Sans",Arial,sans-serif;margin:.2rem 0 .8rem}
    svg .gh{font-size:12px;fill:#1d232a}svg .gid{font-weight:700}svg .dir{fill:#2e7d32}
    svg .bl{text-anchor:end;fill:#5f6b76}svg .bv{fill:#1d232a}
    svg .pb{fill:#3b6fd8}svg .pb.w{fill:#d9534f}svg .nb{fill:#9aa5b1}
    svg .a{fill-opacity:.35;stroke:#3b6fd8;stroke-dasharray:3 2}svg .pb.w.a{stroke:#d9534f}
    #legend{font-size:12px;color:var(--mute);margin:.2rem 0 .5rem}
    #legend .c{cursor:default}
    #src{font-size:14px;line-height:1.5;border-top:1px solid var(--line)}
    .ln{display:grid;grid-template-columns:2.8em 7.4rem 9px minmax(0,1fr) minmax(10rem,16rem);column-gap:.35rem;border-bottom:1px solid #f0f2f4;scroll-margin-top:35vh}
    .ln.nd .tx{grid-column:4/-1}
    .ln:target{background:#fff8c4}
    .ln .n{color:#9aa5b1;text-align:right;text-decoration:none;padding-right:.2em;user-select:none}
    .ln.dl-warning .n{color:#b26a00;font-weight:700}.ln.dl-error .n{color:#b3261e;font-weight:700}.ln.dl-note .n{color:#3a6ea5;font-weight:700}
    .lb{display:flex;flex-wrap:wrap;gap:2px;align-content:flex-start;padding-top:2px;font:11px/1.25 "Noto Sans","DejaVu Sans",Arial,sans-serif;min-width:0}
    .c{display:inline-block;border-radius:3px;padding:0 .3em;color:#fff;max-width:100%;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;cursor:help}
    .k-hd{background:#b7791f}.k-cit{background:#c05621}.k-sec{background:#455a64}.k-sub{background:#78909c}
    .k-obj{background:#00796b}.k-ind{background:#2f5fc4}.k-tgt{background:#1a237e}.k-sol{background:#827717}
    .k-ag{background:#2e7d32}.k-dl{background:#ad1457}.k-cl{background:#6a4c93}.k-sig{background:#4a148c}
    .k-un{background:#616161}.k-par{background:none;color:#9aa5b1;padding:0 .1em}
    .c.inf{outline:2px solid #ff9800;outline-offset:0;background-image:repeating-linear-gradient(135deg,#0000 0 4px,#fff3 4px 7px)}
    nav .inf{color:#e65100}
    .br{display:flex;gap:2px}
    .br i{display:block;width:3px}
    .br .s{border-top-left-radius:3px;border-top-right-radius:3px;margin-top:3px}
    .br .e{border-bottom-left-radius:3px;border-bottom-right-radius:3px;margin-bottom:3px}
    .b0{background:#90a4ae}.b1{background:#cfd8dc}
    .kb-objectives.b0{background:#26a69a}.kb-objectives.b1{background:#a7d8d2}
    .kb-organization.b0{background:#66bb6a}.kb-organization.b1{background:#bfe3c0}
    .kb-reporting.b0{background:#ec407a}.kb-reporting.b1{background:#f6b6cc}
    .kb-funding.b0{background:#ffa726}.kb-funding.b1{background:#ffd9a0}
    .tx{white-space:pre-wrap;overflow-wrap:break-word;tab-size:4;min-width:0;padding:1px 0}
    .t-hd{background:#fdf0cf}.t-cit{background:#fde0c5}.t-obj{background:#dcf1ee}.t-ind{background:#e3ecfd}
    .t-tgt{background:#c5d3fb;box-shadow:inset 0 -2px #1a237e;font-weight:700}.t-sol{background:#f1f0d6}
    .t-ag{background:#e3f2e1}.t-dl{background:#fbd9e6;box-shadow:inset 0 -2px #ad1457}.t-cl{background:#efe8f7}.t-sig{background:#e4d7f5}
    .t-un{background:repeating-linear-gradient(135deg,#eceff1 0 4px,#fff 4px 8px)}
    .hl{outline:2px solid #ff9800;outline-offset:0}
    .dx{text-decoration:underline wavy;text-decoration-skip-ink:none;text-underline-offset:3px}
    .dx-error{text-decoration-color:#d32f2f}.dx-warning{text-decoration-color:#ef8f00}.dx-note{text-decoration-color:#5c8ac7}
    ruby.rp{ruby-position:over;white-space:nowrap}
    .rp ins{text-decoration:none;border-bottom:1px dotted #2e7d32}
    .rp rt{font-size:.62em;white-space:pre;color:#a33;line-height:1.1}
    .rp del{text-decoration:line-through;text-decoration-color:#a33}
    .rp.low ins{background:#ffd8a8;border-bottom:2px solid #e65100}
    .rp.off ins{border-bottom-style:dashed}
    body.no-orig .rp rt{display:none}
    .dg{font:12px/1.35 "Noto Sans","DejaVu Sans",Arial,sans-serif;min-width:0}
    .d{border-left:3px solid;border-radius:3px;padding:.15rem .4rem;margin:2px 0;background:#f7f9fb;overflow-wrap:anywhere}
    .d.sev-error{border-color:#d32f2f;background:#fdecea}.d.sev-warning{border-color:#ef8f00;background:#fff4e0}.d.sev-note{border-color:#5c8ac7;background:#eef4fb}
    .d .h{display:block;color:var(--mute)}
    .cur{outline:3px solid #ff6f00!important;outline-offset:1px;scroll-margin:40vh}
    #bar{position:fixed;right:.8rem;bottom:.8rem;background:#fff;border:1px solid var(--line);border-radius:6px;box-shadow:0 2px 8px #0002;padding:.3rem .5rem;font-size:13px;display:flex;gap:.4rem;align-items:center}
    #bar button{font:inherit;padding:.1rem .5rem;cursor:pointer}
    @media (max-width:1000px){
    nav{position:static;width:auto;border-right:0;border-bottom:1px solid var(--line);max-height:40vh}
    main{margin-left:0}
    .ln{grid-template-columns:3em 6.5rem 9px minmax(0,1fr)}
    .dg{grid-column:2/-1}
    }
    @media print{
    @page{margin:12mm}
    *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
    body{font-size:10pt}
    nav,#bar{display:none}
    main{margin:0;padding:0}
    #src{font-size:8.5pt}
    .ln{grid-template-columns:2.6em 6.5rem 7px minmax(0,1fr) 13rem;break-inside:avoid}
    .ln:target{background:none}
    .cur{outline:none!important}
    .dom,tr,svg{break-inside:avoid}
    a{color:inherit;text-decoration:none}
    body.no-orig .rp rt{display:revert}
    }
    """

    /// `n`/`p` through the doubtful spots, the originals toggle, and a chip's text outlined while
    /// the chip is hovered (the text's hover shows what it was read as).
    static let pageScript = """
    (function(){
    var d=document,ds=[].slice.call(d.querySelectorAll('main .doubt')),cur=-1,pos=d.getElementById('pos');
    // From the spot last shown while it is on screen, else from the top of the screen (first press) or its middle.
    function show(i){if(cur>=0)ds[cur].classList.remove('cur');cur=i;var e=ds[i];e.classList.add('cur');
    e.scrollIntoView({block:'center'});pos.textContent=(i+1)+' / '+ds.length}
    function go(k){if(!ds.length)return;var m=innerHeight/2,i=-1,j,t;
    if(cur>=0){t=ds[cur].getBoundingClientRect().top;if(t>-10&&t<innerHeight)i=(cur+k+ds.length)%ds.length}
    var edge=cur<0?0:m;if(i<0){for(j=0;j<ds.length;j++){t=ds[j].getBoundingClientRect().top;if(k>0&&t>edge+2){i=j;break}if(k<0&&t<edge-2)i=j}
    if(i<0)i=k>0?0:ds.length-1}show(i)}
    d.addEventListener('keydown',function(e){if(e.ctrlKey||e.metaKey||e.altKey||/^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName))return;
    if(e.key==='n'||e.key==='j'){go(1);e.preventDefault()}else if(e.key==='p'||e.key==='k'){go(-1);e.preventDefault()}});
    d.getElementById('next').addEventListener('click',function(){go(1)});
    d.getElementById('prev').addEventListener('click',function(){go(-1)});
    d.getElementById('orig').addEventListener('change',function(){d.body.classList.toggle('no-orig',!this.checked)});
    function mark(id,on){d.querySelectorAll('[data-r~="'+id+'"]').forEach(function(x){x.classList.toggle('hl',on)})}
    d.addEventListener('mouseover',function(e){var c=e.target.closest('.c'),s=e.target.closest('[data-r]');if(c&&c.id)mark(c.id,true);
    if(s&&!s.title)s.title=s.getAttribute('data-r').split(' ').map(function(i){var x=d.getElementById(i);return x?x.title:''}).join('\\n')});
    d.addEventListener('mouseout',function(e){var c=e.target.closest('.c');if(c&&c.id)mark(c.id,false)});
    pos.textContent=ds.length?'– / '+ds.length:'none';d.body.setAttribute('data-ready',ds.length)})();
    """

    static let indexStyle = baseStyle + """
    main{padding:1rem 1.4rem 3rem;max-width:110rem}
    .tools{display:flex;gap:1.2rem;align-items:center;flex-wrap:wrap;margin:.6rem 0}
    #plans{font-size:12.5px;width:100%}
    #plans th,#plans td{padding:.25rem .35rem}
    #plans th{cursor:pointer;user-select:none;position:sticky;top:0;vertical-align:bottom}
    #plans td.doc{min-width:13rem}
    #plans td.file{word-break:break-all;min-width:9rem}
    #plans td.why{min-width:9rem}
    #plans th[aria-sort=ascending]::after{content:" ▲"}#plans th[aria-sort=descending]::after{content:" ▼"}
    #plans td.num{text-align:right;font-variant-numeric:tabular-nums}
    #plans tr.need td:first-child{box-shadow:inset 3px 0 #e0a030}
    #plans tr.fail td{background:#fdecea}
    #plans .why span{color:#8a5a00;font-size:12px}
    .filtered tr.ok{display:none}
    @media print{#plans th{position:static}.tools{display:none}a{color:inherit;text-decoration:none}}
    """

    /// Sorting by a header's column (numbers by `data-v`), and the "needs review" filter.
    static let indexScript = """
    (function(){
    var d=document,t=d.getElementById('plans'),b=t.tBodies[0],hs=t.tHead.rows[0].cells;
    function v(r,i){var c=r.cells[i];return c.hasAttribute('data-v')?parseFloat(c.getAttribute('data-v')):c.textContent.trim().toLowerCase()}
    [].forEach.call(hs,function(h,i){h.addEventListener('click',function(){var up=h.getAttribute('aria-sort')!=='ascending';
    [].forEach.call(hs,function(x){x.removeAttribute('aria-sort')});h.setAttribute('aria-sort',up?'ascending':'descending');
    var rs=[].slice.call(b.rows);rs.sort(function(x,y){var a=v(x,i),c=v(y,i),r=typeof a==='number'&&typeof c==='number'?a-c:String(a).localeCompare(String(c),'vi');
    return up?r:-r});rs.forEach(function(r){b.appendChild(r)})})});
    var f=d.getElementById('need');function apply(){t.classList.toggle('filtered',f.checked)}
    f.addEventListener('change',apply);apply();d.body.setAttribute('data-ready',b.rows.length)})();
    """
}
