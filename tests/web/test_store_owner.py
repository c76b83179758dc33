"""The server's hold on the store (:class:`seimon.web.storeowner.StoreOwner`): readers in threads, one writer,
the marker file naming the server, and the refusal another process gets while the server holds a DuckDB file.

Real stores, real threads and a real second process: the guarantees are about concurrency, so nothing here is
simulated.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from seimon.store import open_store
from seimon.web.niced import NICER_BY, run_niced
from seimon.web.storeowner import StoreOwner, serve_marker, validation_threads

REPO = Path(__file__).resolve().parents[2]
SEIMON = REPO / ".venv" / "bin" / "seimon"
WRITES = 40
READERS = 4


def test_readers_in_threads_see_whole_transactions_while_a_writer_writes(store_url: str) -> None:
    """Every write adds a pair of rows summing to zero in one transaction: a reader must never see half a pair."""
    owner = StoreOwner(store_url)
    try:
        with owner.writer() as store:
            store.execute("CREATE TABLE ledger (n INTEGER, amount INTEGER)")
        version_before = owner.version.current()[0]
        started = threading.Barrier(READERS + 1)
        done = threading.Event()
        problems: list[str] = []
        seen: list[set[int]] = []
        final: list[int] = []

        def write() -> None:
            started.wait()
            try:
                for n in range(WRITES):
                    with owner.writer() as store, store.transaction():
                        store.execute("INSERT INTO ledger VALUES (?, ?)", (n, n + 1))
                        time.sleep(0.001)  # a reader gets the chance to look between the two rows
                        store.execute("INSERT INTO ledger VALUES (?, ?)", (n, -(n + 1)))
                    time.sleep(0.002)
            finally:
                done.set()

        def read() -> None:
            counts: set[int] = set()
            last = 0
            started.wait()
            while True:
                finished = done.is_set()
                row = owner.reader().fetchone("SELECT count(*), coalesce(sum(amount), 0) FROM ledger")
                assert row is not None
                rows, total = int(row[0]), int(row[1])
                if rows % 2 or total != 0:
                    problems.append(f"half a transaction seen: {rows} rows summing to {total}")
                if rows < last:
                    problems.append(f"rows went back from {last} to {rows}")
                last = rows
                counts.add(rows)
                if finished:
                    break
            seen.append(counts)
            final.append(last)

        threads = [threading.Thread(target=read) for _ in range(READERS)] + [threading.Thread(target=write)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not any(thread.is_alive() for thread in threads), "a thread hung"
        assert problems == []
        assert final == [2 * WRITES] * READERS, "every reader sees every committed write at the end"
        assert len(set().union(*seen)) > 2, f"the readers did not run while the writer wrote: {seen}"
        assert owner.version.current()[0] == version_before + WRITES, "each write retires the cached results"
    finally:
        owner.close()


def test_writers_take_turns(duckdb_url: str) -> None:
    """Read-modify-write inside ``writer()`` loses no update: the writer lock lets one thread in at a time."""
    owner = StoreOwner(duckdb_url)
    try:
        with owner.writer() as store:
            store.execute("CREATE TABLE counter (v INTEGER)")
            store.execute("INSERT INTO counter VALUES (0)")

        def bump(times: int) -> None:
            for _ in range(times):
                with owner.writer() as store:
                    row = store.fetchone("SELECT v FROM counter")
                    assert row is not None
                    time.sleep(0.0005)
                    store.execute("UPDATE counter SET v = ?", (int(row[0]) + 1,))

        threads = [threading.Thread(target=bump, args=(25,)) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert owner.reader().fetchall("SELECT v FROM counter") == [(100,)]
    finally:
        owner.close()


def test_cache_is_kept_for_writes_that_change_no_data(duckdb_url: str) -> None:
    owner = StoreOwner(duckdb_url)
    try:
        before = owner.version.current()[0]
        with owner.writer(changes_data=False) as store:
            store.execute("CREATE TABLE t (x INTEGER)")
        assert owner.version.current()[0] == before
        with owner.writer() as store:
            store.execute("INSERT INTO t VALUES (1)")
        assert owner.version.current()[0] == before + 1
    finally:
        owner.close()


def test_marker_is_written_by_announce_and_removed_by_close(tmp_path: Path) -> None:
    path = tmp_path / "served.duckdb"
    owner = StoreOwner(f"duckdb://{path}")
    marker = tmp_path / "served.duckdb.serve.json"
    try:
        assert serve_marker(owner.root) == marker
        assert not marker.exists(), "no marker before the server announces itself"
        owner.announce("http://127.0.0.1:8765")
        announced = json.loads(marker.read_text(encoding="utf-8"))
        assert announced == {
            "pid": os.getpid(),
            "address": "http://127.0.0.1:8765",
            "admin_token": owner.local_admin_token,
        }
        assert len(announced["admin_token"]) >= 32
    finally:
        owner.close()
    assert not marker.exists()
    assert path.exists(), "closing removes the marker, never the store"


def test_in_memory_store_has_no_marker() -> None:
    owner = StoreOwner("duckdb:///:memory:")
    try:
        assert serve_marker(owner.root) is None
        owner.announce("http://127.0.0.1:8765")  # nothing to write, and no error
    finally:
        owner.close()


OPEN_IN_CHILD = """
import sys
from seimon.errors import SeimonError
from seimon.store import open_store
try:
    open_store(sys.argv[1]).close()
except SeimonError as err:
    print("code=" + str(err.code))
    print(err.message_zh)
    print(err.message_en)
    sys.exit(3)
print("opened")
"""


def test_second_process_is_refused_while_the_server_holds_the_file(tmp_path: Path) -> None:
    """``seimon import`` (and any ``open_store``) in another process says where the server is, in both languages."""
    path = tmp_path / "held.duckdb"
    deflators = tmp_path / "deflators.csv"
    deflators.write_text("行业代码,时期,价格指数\n38,2020年1-9月,101.2\n", encoding="utf-8")
    url = f"duckdb://{path}"
    owner = StoreOwner(url)
    try:
        owner.announce("http://127.0.0.1:8765")
        cli = subprocess.run(
            [str(SEIMON), "import", "deflators", str(deflators), "--store", url],
            check=False,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert cli.returncode != 0
        said = cli.stdout + cli.stderr
        assert "seimon serve" in said
        assert "正被另一个进程" in said and "locked by another process" in said, said
        assert "http://127.0.0.1:8765" in said and str(os.getpid()) in said, "the marker names the server"
        child = subprocess.run(
            [sys.executable, "-c", OPEN_IN_CHILD, url], check=False, capture_output=True, text=True, timeout=120
        )
        assert child.returncode == 3, child.stdout + child.stderr
        assert child.stdout.splitlines()[0] == "code=store_locked"
    finally:
        owner.close()
    after = subprocess.run(
        [sys.executable, "-c", OPEN_IN_CHILD, url], check=False, capture_output=True, text=True, timeout=120
    )
    assert after.stdout.strip() == "opened", "once the server lets go, other processes may open the store"
    with open_store(url) as store:
        assert store.fetchone("SELECT count(*) FROM batches") == (0,), "the refused import landed nothing"


def test_a_dry_run_excludes_data_writes_but_not_the_writer_and_leaves_a_core(tmp_path: Path) -> None:
    """While a thread is in :meth:`StoreOwner.validating`, another thread can take the writer for a login or an
    audit entry, but a data-changing write waits for the dry run; DuckDB runs on one fewer threads meanwhile."""
    owner = StoreOwner(f"duckdb://{tmp_path / 'store.duckdb'}")
    try:
        before = owner.reader().fetchone("SELECT current_setting('threads')")
        entered, release = threading.Event(), threading.Event()
        seen_threads: list[int] = []

        def dry_run() -> None:
            with owner.validating() as store:
                row = store.fetchone("SELECT current_setting('threads')")
                seen_threads.append(int(row[0]) if row else -1)
                entered.set()
                release.wait(30)

        done: list[str] = []

        def write(changes_data: bool) -> None:
            with owner.writer(changes_data=changes_data):
                done.append("data" if changes_data else "audit")

        validating = threading.Thread(target=dry_run)
        validating.start()
        assert entered.wait(30)
        audit = threading.Thread(target=write, args=(False,))
        audit.start()
        audit.join(30)
        data = threading.Thread(target=write, args=(True,))
        data.start()
        data.join(0.5)  # not a timing assertion: the data write must still be waiting, however long this took
        assert done == ["audit"] and data.is_alive()
        release.set()
        validating.join(30)
        data.join(30)
        assert done == ["audit", "data"]
        assert before is not None and seen_threads == [min(int(before[0]), validation_threads())]
        assert owner.reader().fetchone("SELECT current_setting('threads')") == before
    finally:
        owner.close()


def test_the_dry_run_thread_is_niced_and_its_errors_reach_the_caller() -> None:
    def nice_of_this_thread() -> int:
        stat = Path(f"/proc/self/task/{threading.get_native_id()}/stat").read_text()
        return int(stat.rsplit(")", 1)[1].split()[16])  # field 19 of proc(5), counted after "pid (comm)"

    assert run_niced(nice_of_this_thread) == min(19, nice_of_this_thread() + NICER_BY)
    assert nice_of_this_thread() == os.getpriority(os.PRIO_PROCESS, 0)  # the caller keeps its priority

    def fails() -> None:
        raise ValueError("bad file")

    try:
        run_niced(fails)
    except ValueError as err:
        assert str(err) == "bad file"
    else:
        raise AssertionError("the worker's error was swallowed")


def test_connections_of_ended_threads_are_closed_not_kept(tmp_path: Path) -> None:
    """The server's thread pool ends idle workers and starts new ones: their connections must not pile up."""
    owner = StoreOwner(f"duckdb://{tmp_path / 'store.duckdb'}")
    try:
        owner.reader().execute("CREATE TABLE t AS SELECT 1 AS x")
        ended = []
        for _ in range(20):
            thread = threading.Thread(target=lambda: ended.append(owner.reader().fetchall("SELECT x FROM t")))
            thread.start()
            thread.join()
        assert ended == [[(1,)]] * 20
        assert owner.clone_count() == 2  # this thread's and the last ended thread's (closed at the next new one)
        final = threading.Thread(target=owner.reader)
        final.start()
        final.join()
        assert owner.clone_count() == 2
    finally:
        owner.close()
