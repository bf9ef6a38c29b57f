/// The fixed parts of the HTML export: inline style and script (the page loads nothing from the
/// network). The layout puts the file tree, written at the end of the document (its paths are
/// only known once every file streamed by), in the left column.
enum HTMLPage {
    static let style = """
        :root{--fg:#1d2024;--muted:#5f6670;--line:#e2e5e9;--accent:#2f6fdb;--bg:#fff;--soft:#f5f7f9}
        @media (prefers-color-scheme:dark){:root{--fg:#e6e8eb;--muted:#9aa3ad;--line:#30353b;--accent:#7aa7ff;--bg:#16191c;--soft:#1e2226}}
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);
          display:grid;grid-template-columns:minmax(220px,22rem) 1fr;grid-template-rows:auto 1fr;min-height:100vh}
        body>header{grid-column:1/3;grid-row:1;padding:.8rem 1.2rem;border-bottom:1px solid var(--line);display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
        body>header h1{font-size:1.15rem;margin:0}
        body>header .meta{color:var(--muted);font-size:.85rem}
        #mu-search{margin-left:auto;min-width:18rem;padding:.4rem .6rem;font:inherit;border:1px solid var(--line);border-radius:6px;background:var(--soft);color:var(--fg)}
        nav#tree{grid-column:1;grid-row:2;border-right:1px solid var(--line);padding:.6rem .4rem;overflow:auto;position:sticky;top:0;max-height:100vh;font-size:.9rem}
        nav#tree ul{list-style:none;margin:0;padding-left:.9rem}
        nav#tree>ul{padding-left:.2rem}
        nav#tree summary{cursor:pointer;color:var(--muted)}
        nav#tree a{color:var(--fg);text-decoration:none}
        nav#tree a:hover{color:var(--accent)}
        main{grid-column:2;grid-row:2;padding:1rem 1.6rem;min-width:0}
        section.file{border-bottom:1px solid var(--line);padding-bottom:.6rem;margin-bottom:1rem}
        section.file>h2{font-size:1.05rem;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;margin:.4rem 0}
        .rollup{background:var(--soft);border-radius:6px;padding:.3rem .8rem;margin:.3rem 0 .6rem}
        .fn{margin:.7rem 0 .9rem .4rem}
        .fn h3{font-size:.95rem;margin:0;font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
        .fn .where{color:var(--muted);font-size:.8rem;font-weight:normal;font-family:system-ui,sans-serif;margin-left:.4rem}
        .fn code.sig{display:block;white-space:pre-wrap;font-size:.85rem;color:var(--muted)}
        .fn ul{margin:.2rem 0;padding-left:1.3rem}
        .prov{color:var(--muted);font-size:.78rem}
        .none{color:var(--muted);font-style:italic}
        .overview ul{margin:.2rem 0}
        footer{color:var(--muted);font-size:.85rem;margin-top:1rem}
        [hidden]{display:none!important}
        mark{background:#ffe58a;color:inherit}
        """

    /// Search as you type: every word must occur in a function's text (name, path, signature,
    /// summary); files without a match and their tree entries are hidden.
    static let script = """
        (function(){
          var input=document.getElementById('mu-search'),count=document.getElementById('mu-count');
          var files=[].slice.call(document.querySelectorAll('section.file'));
          var entries=files.map(function(s){
            return {s:s,path:s.getAttribute('data-path').toLowerCase(),
              fns:[].slice.call(s.querySelectorAll('.fn')).map(function(f){return {f:f,t:f.textContent.toLowerCase()};}),
              link:document.querySelector('nav#tree a[href="#'+s.id+'"]')};
          });
          function apply(){
            var words=input.value.toLowerCase().split(/\\s+/).filter(Boolean),shown=0;
            entries.forEach(function(e){
              var any=false;
              e.fns.forEach(function(x){
                var ok=words.every(function(w){return x.t.indexOf(w)>=0||e.path.indexOf(w)>=0;});
                x.f.hidden=!ok; if(ok){any=true;shown++;}
              });
              var fileOk=words.length===0||any||words.every(function(w){return e.path.indexOf(w)>=0;});
              e.s.hidden=!fileOk;
              if(e.link){e.link.parentNode.hidden=!fileOk;}
            });
            [].slice.call(document.querySelectorAll('nav#tree details')).forEach(function(d){
              d.parentNode.hidden=words.length>0&&!d.querySelector('li.leaf:not([hidden])');
              if(words.length>0){d.open=true;}
            });
            count.textContent=words.length?shown+' matching functions':'';
          }
          input.addEventListener('input',apply);
          document.addEventListener('keydown',function(ev){
            if(ev.key==='/'&&document.activeElement!==input){ev.preventDefault();input.focus();}
          });
        })();
        """
}
