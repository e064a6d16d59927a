using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// The shapes blind set bf (session 61) found missing, minimized (#9): an async helper started under a lock whose
/// continuation changes the locked state; a check-then-set of a concurrent dictionary's value in the private helper
/// it is passed to; a UI-thread type that changes its state after <c>ConfigureAwait(false)</c>; a type documented as
/// called from many request threads.
/// </summary>
public class SetBfShapeTests
{
    private static string Coalescer(string getter, string fetchBody, string pending = "lock (_gate) { return _inFlight.Count; }") => $$"""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public interface ISource
        {
            Task<string> LoadAsync(string key);
        }

        public sealed class {|#1:Coalescer|}
        {
            private readonly ISource _source;
            private readonly Dictionary<string, Task<string>> _inFlight = new();
            private readonly object _gate = new();
            private readonly SemaphoreSlim _semaphore = new(1, 1);

            public Coalescer(ISource source) => _source = source;

            {{getter}}

            public int Pending
            {
                get
                {
                    {{pending}}
                }
            }

            private async Task<string> FetchAsync(string key)
            {
                {{fetchBody}}
            }
        }
        """;

    private const string LockedGetter = """
        public Task<string> GetAsync(string key)
            {
                lock (_gate)
                {
                    if (_inFlight.TryGetValue(key, out var existing))
                    {
                        return existing;
                    }

                    var fetch = FetchAsync(key);
                    _inFlight[key] = fetch;
                    return fetch;
                }
            }
        """;

    [Fact]
    public Task Async_helper_started_under_a_lock_changes_the_state_after_its_await_without_it_is_flagged()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(
            Coalescer(LockedGetter, """
                try
                    {
                        return await _source.LoadAsync(key).ConfigureAwait(false);
                    }
                    finally
                    {
                        {|#0:_inFlight.Remove(key)|};
                    }
                """),
            CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_inFlight", "modified", "_gate", "in 'GetAsync' (3 of 4 accesses)",
                "'FetchAsync' may run on several threads at once: 'Coalescer' synchronizes its own state ('GetAsync' locks '_gate'); 'FetchAsync' is async and gets here after an await, when its caller has already released '_gate'"));

    [Fact]
    public Task Async_helper_that_takes_the_lock_after_its_await_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Coalescer(LockedGetter, """
            try
                {
                    return await _source.LoadAsync(key).ConfigureAwait(false);
                }
                finally
                {
                    lock (_gate)
                    {
                        _inFlight.Remove(key);
                    }
                }
            """).Replace("{|#1:Coalescer|}", "Coalescer"));

    [Fact]
    public Task Async_helper_that_changes_the_state_before_its_first_await_still_holds_the_callers_lock()
        => SharedStateSilence.VerifyNoRaceAsync(Coalescer(LockedGetter, """
            _inFlight.Remove(key + ":stale");
                return await _source.LoadAsync(key).ConfigureAwait(false);
            """).Replace("{|#1:Coalescer|}", "Coalescer"));

    [Fact]
    public Task Async_helper_awaited_under_a_semaphore_holds_it_after_its_await()
        => SharedStateSilence.VerifyNoRaceAsync(Coalescer(
            """
            public async Task<string> GetAsync(string key)
                {
                    await _semaphore.WaitAsync().ConfigureAwait(false);
                    try
                    {
                        var fetch = FetchAsync(key);
                        _inFlight[key] = fetch;
                        return await fetch.ConfigureAwait(false);
                    }
                    finally
                    {
                        _semaphore.Release();
                    }
                }
            """,
            """
            try
                {
                    return await _source.LoadAsync(key).ConfigureAwait(false);
                }
                finally
                {
                    _inFlight.Remove(key);
                }
            """,
            "_semaphore.Wait(); try { return _inFlight.Count; } finally { _semaphore.Release(); }").Replace("{|#1:Coalescer|}", "Coalescer"));

    private static string Fleet(string cancel, string release) => $$"""
        using System;
        using System.Collections.Concurrent;

        public sealed class Hold
        {
            public Guid Id { get; } = Guid.NewGuid();
            public bool Released;
        }

        public sealed class Fleet
        {
            private readonly ConcurrentDictionary<Guid, Hold> _holds = new();
            private readonly object _gate = new();

            public Hold Place()
            {
                var hold = new Hold();
                _holds[hold.Id] = hold;
                return hold;
            }

            public void Cancel(Guid id)
            {
                {{cancel}}
            }

            private void Release(Hold hold)
            {
                {{release}}
            }
        }
        """;

    private const string CheckThenSet = """
        if ({|#1:hold.Released|})
                {
                    return;
                }

                {|#0:hold.Released = true|};
                _holds.TryRemove(hold.Id, out _);
        """;

    [Fact]
    public Task Check_then_set_of_a_value_in_the_private_helper_it_is_passed_to_is_flagged()
        => CSharpAnalyzerVerifier<ConcurrentDictionaryValueMutatedAnalyzer>.VerifyAnalyzerAsync(
            Fleet("if (_holds.TryGetValue(id, out var hold)) {|#2:Release(hold)|};", CheckThenSet),
            CSharpAnalyzerVerifier<ConcurrentDictionaryValueMutatedAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("hold.Released = true", "Hold", "_holds"));

    [Fact]
    public Task Check_then_set_in_a_helper_called_under_a_lock_is_silent()
        => CSharpAnalyzerVerifier<ConcurrentDictionaryValueMutatedAnalyzer>.VerifyAnalyzerAsync(
            Fleet("if (_holds.TryGetValue(id, out var hold)) { lock (_gate) { Release(hold); } }", CheckThenSet.Replace("{|#1:", string.Empty).Replace("{|#0:", string.Empty).Replace("|}", string.Empty)));

    [Fact]
    public Task Check_then_set_in_a_helper_passed_a_new_object_is_silent()
        => CSharpAnalyzerVerifier<ConcurrentDictionaryValueMutatedAnalyzer>.VerifyAnalyzerAsync(
            Fleet("Release(new Hold());", CheckThenSet.Replace("{|#1:", string.Empty).Replace("{|#0:", string.Empty).Replace("|}", string.Empty)));

    private static string Editor(string documentation, string configured) => $$"""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        /// <summary>{{documentation}}</summary>
        public sealed class Editor
        {
            private readonly Stack<int> _undo = new();

            public void Apply(int change)
            {
                {|#0:_undo.Push(change)|};
            }

            public async Task FairAsync()
            {
                var change = {|#2:await Task.Run(() => 42){{configured}}|};
                {|#1:_undo.Push(change)|};
            }
        }
        """;

    private const string UiThreadDocumentation = "Lines-plan editor. Toolbar actions arrive on the UI thread; fairing is computed in the background.";

    [Fact]
    public Task Ui_thread_type_that_changes_its_state_after_ConfigureAwait_false_is_flagged()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Editor(UiThreadDocumentation, ".ConfigureAwait(false)"),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation(2).WithArguments(
                "_undo", "Stack<int>", "Apply", "'Apply' can be called while the work its object started at line 16 runs"),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(1).WithLocation(2).WithArguments(
                "_undo", "Stack<int>", "FairAsync", "'FairAsync' runs on several threads (started at line 16)"));

    [Fact]
    public Task Ui_thread_type_that_resumes_on_its_context_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Editor(UiThreadDocumentation, string.Empty).Replace("{|#0:", string.Empty).Replace("{|#1:", string.Empty).Replace("{|#2:", string.Empty).Replace("|}", string.Empty));

    [Fact]
    public Task Undocumented_type_that_changes_its_state_after_ConfigureAwait_false_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Editor("Lines-plan editor.", ".ConfigureAwait(false)").Replace("{|#0:", string.Empty).Replace("{|#1:", string.Empty).Replace("{|#2:", string.Empty).Replace("|}", string.Empty));

    private static string Exporter(string documentation) => $$"""
        using System.Collections.Generic;

        /// <summary>{{documentation}}</summary>
        public sealed class {|#1:Exporter|}
        {
            private static readonly Dictionary<string, string> Names = new();

            public string Header(string column)
            {
                if (Names.TryGetValue(column, out var name))
                {
                    return name;
                }

                name = column.ToUpperInvariant();
                {|#0:Names[column] = name|};
                return name;
            }
        }
        """;

    [Fact]
    public Task Type_documented_as_hit_from_many_request_threads_is_concurrent()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Exporter("Backs the download links; after each match night the exporter is hit from many request threads."),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "Names", "Dictionary<string, string>", "Header", "'Header' may run on several threads at once: 'Exporter' is documented as shared (\"request threads\")"));

    [Fact]
    public Task Type_documented_without_who_calls_it_is_not()
        => SharedStateSilence.VerifyNoRaceAsync(Exporter("Backs the download links.").Replace("{|#0:", string.Empty).Replace("{|#1:", string.Empty).Replace("|}", string.Empty));

    private static string KeepAlive(string skip) => $$"""
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Connector
        {
            private readonly object _sync = new();
            private readonly Timer _keepAlive;
            private string? _status;

            public Connector() => _keepAlive = new Timer({|#1:KeepAliveTick|}, null, 1000, 1000);

            public void SetStatus(string status)
            {
                lock (_sync)
                {
                    _status = status;
                }
            }

            public bool IsReading()
            {
                lock (_sync)
                {
                    return _status == "read";
                }
            }

            private void KeepAliveTick(object? state)
            {
                if (!Monitor.TryEnter(_sync))
                {
                    return;
                }

                try
                {
                    Skip();
                }
                finally
                {
                    Monitor.Exit(_sync);
                }
            }

            private void Skip() => {{skip}};

            private Task Read(bool async) => ReadLong(async);

            private async Task ReadLong(bool async)
            {
                if (async)
                {
                    await Task.Yield();
                }

                {|#0:_status = "read"|};
            }
        }
        """;

    /// <summary>
    /// Npgsql's keep-alive (a false report of this session's first version): the timer callback holds the lock while a
    /// helper waits on the thread for an async read's task (<c>ReadMessage(async: false).GetAwaiter().GetResult()</c>), so
    /// what the read does after its await still runs under the lock.
    /// </summary>
    [Fact]
    public Task Async_method_whose_task_a_caller_waits_for_on_the_thread_keeps_the_lock_after_its_await()
        => SharedStateSilence.VerifyNoRaceAsync(KeepAlive("Read(async: false).GetAwaiter().GetResult()").Replace("{|#0:", string.Empty).Replace("{|#1:", string.Empty).Replace("|}", string.Empty));

    [Fact]
    public Task Async_method_whose_task_is_dropped_under_the_lock_loses_it_after_its_await()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(
            KeepAlive("_ = Read(async: true)"),
            CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_status", "written", "_sync", "in 'SetStatus' (2 of 3 accesses)",
                "'ReadLong' runs as the callback handed out at line 10, concurrently with the members of 'Connector', and 'Connector' synchronizes its own state ('SetStatus' locks '_sync'); 'ReadLong' is async and gets here after an await, when its caller has already released '_sync'"));
}
