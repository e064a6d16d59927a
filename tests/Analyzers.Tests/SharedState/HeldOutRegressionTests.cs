using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using CompoundVerify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.ConcurrentDictionaryCompoundOperationAnalyzer>;
using InconsistentVerify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.InconsistentSynchronizationAnalyzer>;
using MutationVerify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.SharedStateMutationAnalyzer>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// False reports found on the libraries held out until session 66 (Lucene.Net, DotNetty, grpc-dotnet, Foundatio; see
/// docs/real-code.md), each minimized to a fresh repro, with a flagged neighbour that shows the check still works.
/// </summary>
public class HeldOutRegressionTests
{
    private const string Scheduler = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        internal static class PatientMonitor
        {
            public static void ENTER(object obj)
            {
                try { Monitor.Enter(obj); }
                catch (ThreadInterruptedException)
                {
                    do { try { Monitor.Enter(obj); break; } catch (ThreadInterruptedException) { } } while (true);
                }
            }

            public static void Exit(object obj) => Monitor.Exit(obj);
        }

        public sealed class LimitedScheduler : TaskScheduler
        {
            private readonly LinkedList<Task> _tasks = new();
            private int _running;

            protected override void QueueTask(Task task)
            {
                PatientMonitor.ENTER(_tasks);
                try
                {
                    _tasks.AddLast(task);
                    if (_running < 2) { {|#0:++_running|}; Drain(); }
                }
                finally { PatientMonitor.Exit(_tasks); }
            }

            private void Drain()
            {
                ThreadPool.UnsafeQueueUserWorkItem(_ =>
                {
                    while (true)
                    {
                        Task item;
                        PatientMonitor.ENTER(_tasks);
                        try
                        {
                            if (_tasks.Count == 0) { {|#1:--_running|}; break; }
                            item = _tasks.First!.Value;
                            _tasks.Remove(item);
                        }
                        finally { PatientMonitor.Exit(_tasks); }
                        TryExecuteTask(item);
                    }
                }, null);
            }

            protected override bool TryExecuteTaskInline(Task task, bool queued) => false;
            protected override IEnumerable<Task> GetScheduledTasks() { lock (_tasks) return _tasks.ToArray(); }
        }
        """;

    [Fact]
    public Task Lock_taken_through_a_static_monitor_wrapper_guards_its_region()
        // Lucene.Net's UninterruptableMonitor: 'Enter' retries Monitor.Enter when the thread is interrupted, 'Exit'
        // calls Monitor.Exit; every access to the scheduler's queue and count is between the two.
        => SharedStateSilence.VerifyNoRaceAsync(Unmarked(Scheduler.Replace("ENTER", "Enter")));

    [Fact]
    public Task A_wrapper_that_takes_no_monitor_guards_nothing()
        => MutationVerify.VerifyAnalyzerAsync(
            Scheduler.Replace("ENTER", "Take"),
            MutationVerify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("_running", "QueueTask",
                "'QueueTask' may run on several threads at once: tasks are queued to a scheduler from any thread ('LimitedScheduler' derives from 'TaskScheduler')"),
            MutationVerify.Diagnostic().WithLocation(1).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("_running", "Drain",
                "'Drain' may run on several threads at once: tasks are queued to a scheduler from any thread ('LimitedScheduler' derives from 'TaskScheduler')"));

    private const string Executor = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public class Executor
        {
            private readonly Thread _thread;
            private long _lastRun;
            private int _state;

            public Executor()
            {
                _thread = new Thread(Loop);
                _thread.Start();
            }

            private void Loop()
            {
                Task.Run(() =>
                {
                    while (!ConfirmShutdown())
                    {
                        RunAll();
                    }
                });
                AFTER
            }

            private bool ConfirmShutdown()
            {
                if (Volatile.Read(ref _state) < 2) return false;
                {|#0:_lastRun = DateTime.UtcNow.Ticks|};
                return true;
            }

            private void RunAll() => {|#1:_lastRun = DateTime.UtcNow.Ticks|};

            public void Shutdown() => Interlocked.Exchange(ref _state, 2);
        }
        """;

    [Fact]
    public Task Work_a_thread_body_starts_once_runs_on_one_thread()
        // DotNetty's SingleThreadEventExecutor: the executor's one thread starts its loop as a task on the executor's
        // own scheduler and does nothing else; the loop's fields are only ever touched there.
        => SharedStateSilence.VerifyNoRaceAsync(Unmarked(Executor.Replace("AFTER", string.Empty)));

    [Fact]
    public Task A_thread_body_that_writes_after_starting_the_work_still_races_with_it()
        => MutationVerify.VerifyAnalyzerAsync(
            Executor.Replace("AFTER", "_lastRun = 0;"),
            MutationVerify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("_lastRun", "ConfirmShutdown", "'ConfirmShutdown' runs on several threads (started at line 19)"),
            MutationVerify.Diagnostic().WithLocation(1).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("_lastRun", "RunAll", "'RunAll' runs on several threads (started at line 19)"));

    private const string Call = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Response : IDisposable { public void Dispose() { } }

        public sealed class Call
        {
            private readonly CancellationTokenSource _cts = new();
            private readonly object _gate = new();
            private Timer? _deadline;
            public Response? HttpResponse { get; private set; }
            public int MessagesRead { get; private set; }

            internal void StartUnary() => _ = RunCall();

            internal void StartStreaming() => _ = SECOND();

            private async Task RunCall()
            {
                HttpResponse = await Send(_cts.Token).ConfigureAwait(false);
                {|#0:MessagesRead++|};
                Cleanup();
            }

            private async Task RunStream()
            {
                HttpResponse = await Send(_cts.Token).ConfigureAwait(false);
                {|#1:MessagesRead++|};
                Cleanup();
            }

            private void Cleanup()
            {
                lock (_gate)
                {
                    _deadline?.Dispose();
                }
            }

            public void Cancel() { _cts.Cancel(); HttpResponse?.Dispose(); }

            private static Task<Response> Send(CancellationToken ct) => Task.FromResult(new Response());
        }
        """;

    [Fact]
    public Task One_method_started_from_two_members_is_one_run_per_object()
        // grpc-dotnet's GrpcCall: StartUnaryCore and StartServerStreamingCore each start 'RunCall' once; a call object
        // is started one way only, so 'RunCall' is the only writer of its response.
        => SharedStateSilence.VerifyNoRaceAsync(Unmarked(Call.Replace("SECOND", "RunCall")));

    [Fact]
    public Task Two_methods_started_from_two_members_still_race()
        => MutationVerify.VerifyAnalyzerAsync(
            Call.Replace("SECOND", "RunStream"),
            MutationVerify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("MessagesRead", "RunCall", "'RunCall' runs on several threads (started at line 15)"),
            MutationVerify.Diagnostic().WithLocation(1).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("MessagesRead", "RunStream", "'RunStream' runs on several threads (started at line 17)"));

    [Fact]
    public Task Resolved_type_cached_with_TryAdd_and_returned_is_quiet()
        // Foundatio's work item and message type caches: two threads that miss resolve the same name to the same Type
        // object, so the loser of TryAdd returns the very object the dictionary holds.
        => CompoundVerify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Concurrent;

            public class TypeCache
            {
                private readonly ConcurrentDictionary<string, Type> _known = new();

                public Type? Resolve(string name)
                {
                    if (_known.TryGetValue(name, out var cached))
                        return cached;

                    var resolved = Type.GetType(name);
                    if (resolved is not null)
                        _known.TryAdd(name, resolved);

                    return resolved;
                }
            }
            """);

    private const string StripedSet = """
        using System;
        using System.Threading;

        /// <summary>A set of integers that can be used from multiple threads at once.</summary>
        public sealed class StripedSet
        {
            private sealed class Tables
            {
                public readonly int[] Buckets;
                public readonly object[] Locks;
                public readonly int[] Counts;

                public Tables(int[] buckets, object[] locks, int[] counts) { Buckets = buckets; Locks = locks; Counts = counts; }
            }

            private volatile Tables _tables = new(new int[31], new object[] { new(), new(), new(), new() }, new int[4]);
            private int _budget = 8;

            public void Clear()
            {
                var acquired = 0;
                try
                {
                    AcquireAllLocks(ref acquired);
                    {|#0:_tables = new Tables(new int[31], _tables.Locks, new int[_tables.Counts.Length])|};
                    _budget = 8;
                }
                finally
                {
                    ReleaseLocks(0, acquired);
                }
            }

            public void Add(int item)
            {
                var tables = _tables;
                var stripe = item % tables.Locks.Length;
                bool grow;
                Monitor.Enter(tables.Locks[stripe]);
                try
                {
                    tables.Buckets[item % tables.Buckets.Length] = item;
                    tables.Counts[stripe]++;
                    grow = tables.Counts[stripe] > 8;
                }
                finally
                {
                    Monitor.Exit(tables.Locks[stripe]);
                }

                if (grow)
                {
                    Grow(tables);
                }
            }

            private void Grow(Tables tables)
            {
                var acquired = 0;
                try
                {
                    // The thread that takes the first stripe resizes; the others find the table replaced.
                    AcquireLocks(0, 1, ref acquired);
                    if (tables != _tables)
                    {
                        return;
                    }

                    {|#1:_budget = 2 * _budget|};
                    AcquireLocks(1, tables.Locks.Length, ref acquired);
                    _tables = new Tables(new int[tables.Buckets.Length * 2 + 1], tables.Locks, new int[tables.Counts.Length]);
                }
                finally
                {
                    ReleaseLocks(0, acquired);
                }
            }

            private void AcquireAllLocks(ref int acquired)
            {
                AcquireLocks(0, 1, ref acquired);
                AcquireLocks(1, _tables.Locks.Length, ref acquired);
            }

            private void AcquireLocks(int from, int to, ref int acquired)
            {
                var locks = _tables.Locks;
                for (var i = from; i < to; i++)
                {
                    var taken = false;
                    try
                    {
                        TAKE(locks[i], ref taken);
                    }
                    finally
                    {
                        if (taken)
                        {
                            acquired++;
                        }
                    }
                }
            }

            private void ReleaseLocks(int from, int to)
            {
                for (var i = from; i < to; i++)
                {
                    Monitor.Exit(_tables.Locks[i]);
                }
            }

            private static void Spin(object stripe, ref bool taken) => taken = stripe != null;
        }
        """;

    [Fact]
    public Task Stripe_locks_taken_by_an_acquire_helper_guard_the_region_until_the_release_helper()
        // Lucene.Net's ConcurrentHashSet, a port of the BCL's striped dictionary: 'AcquireLocks' takes the monitors of a
        // range of the lock array and returns holding them, 'ReleaseLocks' in the 'finally' leaves them; the budget is
        // written only between the two.
        => SharedStateSilence.VerifyNoRaceAsync(Unmarked(StripedSet.Replace("TAKE", "Monitor.Enter")));

    [Fact]
    public Task A_helper_that_takes_no_monitor_guards_nothing()
        => MutationVerify.VerifyAnalyzerAsync(
            StripedSet.Replace("TAKE", "Spin"),
            MutationVerify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("_tables", "Clear", Documented("Clear")),
            MutationVerify.Diagnostic().WithLocation(1).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("_budget", "Grow", Documented("Grow")));

    private static string Documented(string member)
        => $"'{member}' may run on several threads at once: 'StripedSet' is documented as shared (\"from multiple threads\")";

    private const string ShutdownSignal = """
        using System;
        using System.IO;
        using System.Threading;

        public class JobHost
        {
            private static CancellationTokenSource? _source;
            private static FileSystemWatcher? _watcher;
            private static readonly object _lock = new();

            public static CancellationToken ShutdownToken(string? signalFile)
            {
                if (_source != null)
                    return _source.Token;

                lock (_lock)
                {
                    ONCE

                    _source = new CancellationTokenSource();
                    Console.CancelKeyPress += (sender, args) =>
                    {
                        _source.Cancel();
                        args.Cancel = true;
                    };

                    if (String.IsNullOrEmpty(signalFile))
                        return _source.Token;

                    var handler = new FileSystemEventHandler((s, e) =>
                    {
                        if (e.Name == signalFile)
                            _source.Cancel();
                    });

                    _watcher = new FileSystemWatcher(".");
                    _watcher.Created += handler;
                    _watcher.Changed += handler;
                    _watcher.NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite;
                    _watcher.IncludeSubdirectories = false;
                    _watcher.EnableRaisingEvents = true;

                    _source.Token.Register(() =>
                    {
                        if (_watcher is not null)
                        {
                            _watcher.Created -= handler;
                            _watcher.Changed -= handler;
                            _watcher.Dispose();
                            {|#0:_watcher = null|};
                        }
                    });

                    return _source.Token;
                }
            }
        }
        """;

    [Fact]
    public Task A_cleanup_registered_at_the_end_of_a_once_only_region_runs_after_every_locked_access()
        // Foundatio's JobRunner: the watcher is made, wired and read only in the run that creates the token source
        // (every later run returns at the check), and the cleanup registered on the token after those accesses runs
        // at most once, when the token is cancelled.
        => SharedStateSilence.VerifyNoRaceAsync(Unmarked(ShutdownSignal.Replace("ONCE", "if (_source != null) return _source.Token;")));

    [Fact]
    public Task A_cleanup_registered_in_a_region_that_runs_again_races_with_its_next_run()
        => InconsistentVerify.VerifyAnalyzerAsync(
            ShutdownSignal.Replace("ONCE", string.Empty),
            InconsistentVerify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("_watcher", "written", "_lock", "in 'ShutdownToken' (6 of 11 accesses)",
                "'ShutdownToken' may run on several threads at once: 'JobHost' synchronizes its own state ('ShutdownToken' locks '_lock')"));

    private const string ForwardedEvent = """
        using System;
        using System.Collections.Generic;
        using System.Threading;

        internal interface IJobResult
        {
            event Action<Job> Completed;
        }

        public sealed class Job
        {
            private Action<Job>? _completed;
            private int _state;

            internal event Action<Job> Completed
            {
                add { _completed += value; }
                remove { _completed -= value; }
            }

            internal IJobResult Result => new JobResult(this);

            internal void Finish()
            {
                Interlocked.Exchange(ref _state, 1);
                if (_completed != null)
                {
                    {|#0:_completed(this)|};
                }
            }

            private sealed class JobResult : IJobResult
            {
                private readonly Job _job;

                public JobResult(Job job) => _job = job;

                public event Action<Job> Completed
                {
                    add { _job.Completed += value; }
                    remove { {|#1:_job.Completed -= value|}; }
                }
            }
        }

        public sealed class Group
        {
            private readonly object _lock = new();
            private readonly Queue<Job> _queue = new();

            public void Add(Job job)
            {
                lock (_lock)
                {
                    job.Result.Completed += OnDone;
                    _queue.Enqueue(job);
                }
            }

            public void Forget(Job job)
            {
                DETACH
            }

            private void OnDone(Job job) { }
        }
        """;

    [Fact]
    public Task An_event_whose_only_removal_is_a_wrapper_accessor_nothing_calls_keeps_its_handlers()
        // SmartThreadPool's work items: the item's internal event is reached through an internal interface whose
        // implementation forwards 'add' and 'remove'; the pool only subscribes, so the field never goes back to null.
        => SharedStateSilence.VerifyNoRaceAsync(Unmarked(ForwardedEvent.Replace("DETACH", string.Empty)));

    [Fact]
    public Task An_event_removed_through_the_wrapper_can_be_left_null_between_check_and_raise()
        => MutationVerify.VerifyAnalyzerAsync(
            ForwardedEvent.Replace("DETACH", "job.Result.Completed -= OnDone;"),
            MutationVerify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("_completed", "remove_Completed",
                "'Finish' checks it for null at line 26 and raises it here by reading it again, so a handler 'remove_Completed' removes in between (line 41) can leave it null (the lock 'Completed''s remove accessor takes is not held here); raise it once, from a local copy or with '_completed?.Invoke(…)'"));

    private static string Unmarked(string source)
        => source.Replace("{|#0:", string.Empty).Replace("{|#1:", string.Empty).Replace("|}", string.Empty);
}
