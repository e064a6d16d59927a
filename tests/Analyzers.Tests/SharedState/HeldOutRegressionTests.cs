using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using CompoundVerify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.ConcurrentDictionaryCompoundOperationAnalyzer>;
using InconsistentVerify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.InconsistentSynchronizationAnalyzer>;
using MutationVerify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.SharedStateMutationAnalyzer>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// False reports found on the libraries held out until session 66 (Lucene.Net, DotNetty, grpc-dotnet, Foundatio) and
/// those first built in sessions 67 to 71 (SmartThreadPool, NetMQ, NetCoreServer, Nerdbank.Streams, SSH.NET, Castle.Core,
/// LiteNetLib, Rebus, websocket-sharp, WatsonTcp; see docs/real-code.md), each minimized to a fresh
/// repro, with a flagged neighbour that shows the check still works.
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
        => SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(Scheduler.Replace("ENTER", "Enter")));

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
                if (_lastRun < 0) return false;
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
        => SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(Executor.Replace("AFTER", string.Empty)));

    [Fact]
    public Task A_thread_body_that_writes_after_starting_the_work_still_races_with_it()
        // '_lastRun' is read by the loop (a field nothing reads races with nothing: WriteOnlyFields).
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
        => SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(Call.Replace("SECOND", "RunCall")));

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
        => SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(StripedSet.Replace("TAKE", "Monitor.Enter")));

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
        => SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(ShutdownSignal.Replace("ONCE", "if (_source != null) return _source.Token;")));

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
        => SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(ForwardedEvent.Replace("DETACH", string.Empty)));

    [Fact]
    public Task An_event_removed_through_the_wrapper_can_be_left_null_between_check_and_raise()
        => MutationVerify.VerifyAnalyzerAsync(
            ForwardedEvent.Replace("DETACH", "job.Result.Completed -= OnDone;"),
            MutationVerify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("_completed", "remove_Completed",
                "'Finish' checks it for null at line 26 and raises it here by reading it again, so a handler 'remove_Completed' removes in between (line 41) can leave it null (the lock 'Completed''s remove accessor takes is not held here); raise it once, from a local copy or with '_completed?.Invoke(…)'"));

    private const string WaiterQueue = """
        using System.Collections.Generic;

        namespace Pool.SPACE
        {
            public sealed class WaitQueue
            {
                private readonly Stack<string> _waiters = new();
                private int _waiting;

                public void Take(string waiter)
                {
                    lock (this)
                    {
                        Push(waiter);
                    }
                }

                public string? Wake()
                {
                    lock (this)
                    {
                        if (_waiters.Count == 0)
                        {
                            return null;
                        }

                        _waiting--;
                        return _waiters.Pop();
                    }
                }

                public int Waiting
                {
                    get { lock (this) { return _waiting; } }
                }

                public void Push(string waiter)
                {
                    {|#1:_waiters.Push(waiter)|};
                    {|#0:_waiting++|};
                }

                OUTSIDE
            }
        }
        """;

    [Fact]
    public Task A_public_member_of_a_type_in_an_Internal_namespace_called_only_under_its_own_lock_runs_one_at_a_time()
        // SmartThreadPool's 'Amib.Threading.Internal.WorkItemsQueue': 'PushWaiter' is public, but only
        // 'DequeueWorkItem' calls it, inside 'lock (this)'.
        => SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(WaiterQueue.Replace("SPACE", "Internal").Replace("OUTSIDE", string.Empty)));

    [Fact]
    public Task The_same_member_of_a_public_namespace_is_a_callers_entry()
        => InconsistentVerify.VerifyAnalyzerAsync(
            WaiterQueue.Replace("SPACE", "Queues").Replace("OUTSIDE", string.Empty),
            PushedWithoutLock(1, "_waiters", "modified", "3 of 4"),
            PushedWithoutLock(0, "_waiting", "written", "3 of 4"));

    [Fact]
    public Task A_library_call_without_the_lock_leaves_the_member_an_entry()
        => InconsistentVerify.VerifyAnalyzerAsync(
            WaiterQueue.Replace("SPACE", "Internal").Replace("OUTSIDE", "public void Preload(string waiter) => Push(waiter);"),
            PushedWithoutLock(1, "_waiters", "modified", "3 of 4"),
            PushedWithoutLock(0, "_waiting", "written", "3 of 4"));

    private static DiagnosticResult PushedWithoutLock(int location, string field, string verb, string count)
        => InconsistentVerify.Diagnostic().WithLocation(location).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments(field, verb, "this", $"in 'Wake' ({count} accesses)",
            "'Push' may run on several threads at once: 'WaitQueue' synchronizes its own state ('Take' locks 'this')");

    private const string OwnedBalancer = """
        using System.Collections.Generic;

        namespace Channels
        {
            public sealed class Manager
            {
                private readonly object _lock = new();
                private readonly Child _child = CHILD;

                public void OnResult(string policy)
                {
                    lock (_lock)
                    {
                        _child.Update(policy);
                    }
                }

                public void Connect()
                {
                    lock (_lock)
                    {
                        _child.Request();
                    }
                }
            }

            internal sealed class Child
            {
                private readonly object _gate = new();
                private readonly List<string> _pending = new();
                private string? _current;

                public void Update(string policy)
                {
                    if (_current == null)
                    {
                        {|#0:_current = policy|};
                    }

                    lock (_gate)
                    {
                        _pending.Add(policy);
                        _current = policy + "/" + _pending.Count;
                    }
                }

                public void Request()
                {
                    lock (_gate)
                    {
                        _ = _current;
                    }
                }
            }
        }
        """;

    [Fact]
    public Task An_internal_type_whose_owner_calls_it_only_under_the_owners_lock_is_serialized_by_that_lock()
        // grpc-dotnet's balancer shape: the manager creates its child balancer and calls it only inside its own lock,
        // so the child's unlocked store and its locked reads never overlap.
        => SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(OwnedBalancer.Replace("CHILD", "new Child()")));

    [Fact]
    public Task A_child_the_owner_was_handed_may_be_shared_with_other_owners()
        => InconsistentVerify.VerifyAnalyzerAsync(
            OwnedBalancer.Replace("private readonly Child _child = CHILD;", "private readonly Child _child;\n\n        internal Manager(Child child) => _child = child;"),
            InconsistentVerify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("_current", "written", "_gate", "in 'Update' (2 of 4 accesses)",
                "'Update' may run on several threads at once: 'Child' synchronizes its own state ('Update' locks '_gate')"));

    private const string SyncRootPool = """
        using System.Threading;

        namespace Pool
        {
            public sealed class WorkerPool
            {
                private readonly Workers<int, Thread> _workers = new();

                public void Add(int id, Thread thread) => _workers[id] = thread;

                public void Remove(int id) => _workers.Remove(id);

                public int[] Ids()
                {
                    USE
                }
            }
        }
        """;

    private const string SyncRootWorkers = """
        using System.Collections.Generic;
        using System.Threading;

        namespace Pool
        {
            internal sealed class Workers<TKey, TValue>
                where TKey : notnull
            {
                private readonly object _lock = new();
                private readonly Dictionary<TKey, TValue> _threads = new();

                public object SyncRoot => _lock;

                public TValue this[TKey id]
                {
                    set
                    {
                        lock (_lock)
                        {
                            _threads[id] = value;
                        }
                    }
                }

                public void Remove(TKey id)
                {
                    lock (_lock)
                    {
                        _threads.Remove(id);
                    }
                }

                public Dictionary<TKey, TValue>.KeyCollection Keys
                {
                    get
                    {
                        lock (_lock)
                        {
                            return {|#0:_threads|}.Keys;
                        }
                    }
                }
            }
        }
        """;

    private static Task VerifySyncRootAsync(string use, params DiagnosticResult[] expected)
    {
        var test = new InconsistentVerify.Test();
        test.TestState.Sources.Add(SyncRootPool.Replace("USE", use));
        test.TestState.Sources.Add(expected.Length > 0 ? SyncRootWorkers : SharedStateSilence.Unmarked(SyncRootWorkers));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("lock (_workers.SyncRoot)\n{\n    var ids = new int[_workers.Keys.Count];\n    _workers.Keys.CopyTo(ids, 0);\n    return ids;\n}")]
    [InlineData("var ids = new List<int>();\nlock (_workers.SyncRoot)\n{\n    foreach (var id in _workers.Keys) ids.Add(id);\n}\nreturn ids.ToArray();")]
    public Task A_live_view_read_only_inside_the_lock_its_type_hands_out_as_SyncRoot_is_not_handed_out(string use)
        // SmartThreadPool's SynchronizedDictionary: 'Keys' returns the live key collection, but its only caller, in
        // another file, copies it inside 'lock (_workerThreads.SyncRoot)', and 'SyncRoot' is the dictionary's own lock.
        => VerifySyncRootAsync(use.Replace("new List<int>", "new System.Collections.Generic.List<int>"));

    [Theory]
    [InlineData("var keys = _workers.Keys;\nvar ids = new int[keys.Count];\nkeys.CopyTo(ids, 0);\nreturn ids;")]
    [InlineData("lock (new object())\n{\n    var ids = new int[_workers.Keys.Count];\n    _workers.Keys.CopyTo(ids, 0);\n    return ids;\n}")]
    [InlineData("System.Collections.Generic.ICollection<int> keys;\nlock (_workers.SyncRoot)\n{\n    keys = _workers.Keys;\n}\n\nvar ids = new int[keys.Count];\nkeys.CopyTo(ids, 0);\nreturn ids;")]
    [InlineData("var other = new Workers<int, Thread>();\nlock (other.SyncRoot)\n{\n    var ids = new int[_workers.Keys.Count];\n    _workers.Keys.CopyTo(ids, 0);\n    return ids;\n}")]
    public Task A_live_view_read_outside_its_objects_SyncRoot_lock_is_handed_out(string use)
        => VerifySyncRootAsync(
            use,
            InconsistentVerify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("_threads", "handed out", "_lock", "in 'this[]' (2 of 3 accesses)",
                "'Keys' may run on several threads at once: 'Workers' synchronizes its own state ('this[]' locks '_lock'); 'Keys' returns the collection itself, so its callers read it after the lock is released while 'this[]' changes it (return a copy made under the lock)"));

    private const string CompletionCallbacks = """
        using System;
        using System.Collections.Generic;

        public sealed class PipeReaderSide
        {
            private readonly object _sync = new();
            private readonly List<Action<Exception?>> _callbacks = new();
            private bool _writerCompleted;
            private Exception? _writerError;

            public void OnWriterCompleted(Action<Exception?> callback)
            {
                bool now;
                lock (_sync)
                {
                    if (_writerCompleted)
                    {
                        now = true;
                    }
                    else
                    {
                        now = false;
                        _callbacks.Add(callback);
                    }
                }

                if (now)
                {
                    callback({|#0:_writerError|});
                }
            }

            public void CompleteWriting(Exception? error)
            {
                lock (_sync)
                {
                    if (!_writerCompleted)
                    {
                        _writerCompleted = true;
                        _writerError = error;
                    }
                }
            }

            RESET
        }
        """;

    [Fact]
    public Task A_field_stored_once_with_a_flag_raised_for_good_is_read_whole_after_the_locked_check()
        // Nerdbank.Streams' StreamPipeReader and StreamPipeWriter: the writer's exception is stored once, when the
        // completion flag is first raised under the lock, and nothing lowers the flag; a reader that saw it raised
        // reads the one exception stored with it.
        => SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(CompletionCallbacks.Replace("RESET", string.Empty)));

    [Fact]
    public Task A_field_whose_flag_is_lowered_again_can_come_from_another_update()
        => InconsistentVerify.VerifyAnalyzerAsync(
            CompletionCallbacks.Replace("RESET", "public void Reset() { lock (_sync) { _writerCompleted = false; } }"),
            InconsistentVerify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("_writerError", "read", "_sync", "in 'CompleteWriting' (1 of 2 accesses)",
                "'OnWriterCompleted' may run on several threads at once: 'PipeReaderSide' synchronizes its own state ('OnWriterCompleted' locks '_sync'); 'OnWriterCompleted' reads '_writerCompleted' under the lock and this after releasing it, while 'CompleteWriting' changes the two together under the lock, so the two can come from different updates"));

    private const string ConnectingClient = """
        using System;
        using System.Collections.Generic;

        public class Client
        {
            FIELDS
            private readonly object _sendLock = new();
            private List<byte> _main = new();
            private List<byte> _flush = new();
            private bool _sending;

            public bool IsConnected { get; private set; }
            public bool IsConnecting { get; private set; }
            public long BytesPending { get; private set; }

            public virtual bool Connect()
            {
                CHECK

                {|#0:_main = new List<byte>()|};
                {|#1:_flush = new List<byte>()|};
                {|#2:BytesPending = 0|};
                IsConnected = true;
                return true;
            }

            public virtual bool Disconnect()
            {
                if (!IsConnected && !IsConnecting)
                    return false;

                IsConnected = false;
                {|#3:_sending = false|};
                ClearBuffers();
                return true;
            }

            public virtual bool SendAsync(byte[] buffer)
            {
                if (!IsConnected)
                    return false;

                lock (_sendLock)
                {
                    _main.AddRange(buffer);
                    BytesPending = _main.Count;
                    if (_sending)
                        return true;
                    _sending = true;
                    TrySend();
                }

                return true;
            }

            private void TrySend()
            {
                if (!IsConnected)
                    return;

                lock (_sendLock)
                {
                    if (_flush.Count == 0)
                    {
                        (_flush, _main) = (_main, _flush);
                        BytesPending = 0;
                        if (_flush.Count == 0)
                            _sending = false;
                    }
                }
            }

            private void ClearBuffers()
            {
                lock (_sendLock)
                {
                    _main.Clear();
                    _flush.Clear();
                    BytesPending = 0;
                }
            }
        }
        """;

    private const string ClosedCheck = "if (IsConnected || IsConnecting)\n            return false;";

    [Theory]
    [InlineData("")]
    [InlineData("private readonly System.Threading.Timer _idle;\n\n    public Client() => _idle = new System.Threading.Timer(_ => Disconnect());")]
    public Task Set_up_made_while_closed_does_not_meet_sends_that_return_unless_open(string fields)
        // NetCoreServer's clients: 'Connect' sets up the send buffers after 'if (IsConnected || IsConnecting) return
        // false;', and 'SendAsync' and 'TrySend' return at once unless 'IsConnected'; 'ClearBuffers', which clears them
        // under the lock, runs only in 'Disconnect', an opening and closing member like 'Connect', whoever calls it
        // (there, its own receive and send completions).
        => InconsistentVerify.VerifyAnalyzerAsync(
            System.Text.RegularExpressions.Regex.Replace(ConnectingClient.Replace("CHECK", ClosedCheck).Replace("FIELDS", fields), @"\{\|#[012]:([^|]*)\|\}", "$1"),
            DisconnectResetsSending);

    [Fact]
    public Task Set_up_without_a_closed_check_is_reported()
        => InconsistentVerify.VerifyAnalyzerAsync(
            ConnectingClient.Replace("CHECK", string.Empty).Replace("FIELDS", string.Empty),
            SetUpReport(0, "_main", "SendAsync", "4 of 5", "SendAsync"),
            SetUpReport(1, "_flush", "TrySend", "4 of 5", "SendAsync"),
            SetUpReport(2, "BytesPending", "SendAsync", "3 of 4", "SendAsync"),
            DisconnectResetsSending);

    [Fact]
    public Task Set_up_beside_a_locked_member_that_checks_nothing_is_reported()
        // 'Trim' is neither open-only nor an opening or closing member: it may change the buffers under the lock while
        // 'Connect' sets them up.
        => InconsistentVerify.VerifyAnalyzerAsync(
            ConnectingClient.Replace("CHECK", ClosedCheck).Replace("FIELDS", "public void Trim()\n    {\n        lock (_sendLock)\n        {\n            _main.Clear();\n            _flush.Clear();\n            BytesPending = 0;\n        }\n    }"),
            SetUpReport(0, "_main", "Trim", "5 of 6", "Trim"),
            SetUpReport(1, "_flush", "Trim", "5 of 6", "Trim"),
            SetUpReport(2, "BytesPending", "Trim", "4 of 5", "Trim"),
            InconsistentVerify.Diagnostic().WithLocation(3).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("_sending", "written", "_sendLock", "in 'SendAsync' (3 of 4 accesses)",
                "'Disconnect' may run on several threads at once: 'Client' synchronizes its own state ('Trim' locks '_sendLock')"));

    private static DiagnosticResult SetUpReport(int location, string field, string guardedIn, string share, string locker)
        => InconsistentVerify.Diagnostic().WithLocation(location).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments(field, "written", "_sendLock", $"in '{guardedIn}' ({share} accesses)",
            $"'Connect' may run on several threads at once: 'Client' synchronizes its own state ('{locker}' locks '_sendLock')");

    private static readonly DiagnosticResult DisconnectResetsSending
        = InconsistentVerify.Diagnostic().WithLocation(3).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("_sending", "written", "_sendLock", "in 'SendAsync' (3 of 4 accesses)",
            "'Disconnect' may run on several threads at once: 'Client' synchronizes its own state ('SendAsync' locks '_sendLock')");

    private const string Monitor = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class PairSocket
        {
            private readonly List<string> _endpoints = new();
            private int _polls;

            public void Connect(string endpoint)
            {
                {|#2:_endpoints.Add(endpoint)|};
                _polls = 0;
            }

            public void Disconnect(string endpoint) => {|#3:_endpoints.Remove(endpoint)|};

            public void Poll(TimeSpan timeout)
            {
                _polls++;
            }
        }

        public sealed class SocketMonitor
        {
            private readonly PairSocket _socket = new();
            private readonly ManualResetEvent _stopped = new(true);
            private object? _poller;
            private int _cancel;

            public bool IsRunning { get; private set; }

            public void Start()
            {
                if (IsRunning)
                    throw new InvalidOperationException("Monitor already started");
                if (_poller != null)
                    throw new InvalidOperationException("Monitor attached to a poller");

                try
                {
                    InternalStart();
                    while (_cancel == 0)
                    {
                        _socket.Poll(TimeSpan.FromMilliseconds(500));
                    }
                }
                finally
                {
                    InternalClose();
                }
            }

            public Task StartAsync()
            {
                if (IsRunning)
                    throw new InvalidOperationException("Monitor already started");

                return Task.Factory.StartNew(Start);
            }

            public void AttachToPoller(object poller)
            {
                ATTACH
                if (Interlocked.CompareExchange(ref _poller, poller, null) != null)
                    throw new InvalidOperationException("Already attached to a poller");

                InternalStart();
            }

            public void DetachFromPoller()
            {
                DETACH
                _poller = null;
                InternalClose();
            }

            public void Stop()
            {
                Interlocked.Exchange(ref _cancel, 1);
                _stopped.WaitOne();
            }

            private void InternalStart()
            {
                _stopped.Reset();
                {|#0:IsRunning = true|};
                _socket.Connect("inproc://monitor");
            }

            private void InternalClose()
            {
                try
                {
                    _socket.Disconnect("inproc://monitor");
                }
                finally
                {
                    {|#1:IsRunning = false|};
                    _stopped.Set();
                }
            }
        }
        """;

    private const string RefusesWhileRunning = "if (IsRunning) throw new InvalidOperationException(\"Monitor already started\");";

    private const string NeedsAttached = "if (_poller == null) throw new InvalidOperationException(\"Not attached to a poller\");";

    [Fact]
    public Task Members_that_refuse_to_run_while_the_started_work_runs_race_with_it_only_on_the_flag()
        // NetMQ's monitor: 'StartAsync' runs 'Start' on a task; 'AttachToPoller' refuses while it runs, and
        // 'DetachFromPoller' needs the poller mode 'Start' refuses. The check-then-set of 'IsRunning' is still a race.
        => MutationVerify.VerifyAnalyzerAsync(
            SharedStateSilence.Unmarked(Monitor.Replace("ATTACH", RefusesWhileRunning).Replace("DETACH", NeedsAttached)).Replace("{|#1:", string.Empty).Replace("IsRunning = false;", "{|#1:IsRunning = false|};"),
            FlagStoredBesideTheWork());

    [Fact]
    public Task A_member_that_does_not_refuse_runs_beside_the_started_work()
        => MutationVerify.VerifyAnalyzerAsync(
            SharedStateSilence.Unmarked(Monitor.Replace("ATTACH", string.Empty).Replace("DETACH", NeedsAttached)).Replace("IsRunning = false;", "{|#1:IsRunning = false|};").Replace("_polls++;", "{|#4:_polls++|};"),
            MutationVerify.Diagnostic().WithLocation(4).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("_polls", "Poll", "'Poll' runs on several threads (started at line 60)"),
            FlagStoredBesideTheWork());

    private static DiagnosticResult FlagStoredBesideTheWork()
        => MutationVerify.Diagnostic().WithLocation(1).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("IsRunning", "InternalClose",
            "'InternalStart' can be called while the work its object started at line 60 runs, and stores it too");

    private const string Intake = """
        using System;
        using System.Threading;

        public sealed class Intake
        {
            private volatile bool _running;
            private int _pending;

            public void Start()
            {
                if (_running)
                    throw new InvalidOperationException("already started");

                _running = true;
                new Thread(Drain) { IsBackground = true }.Start();
            }

            public void Enqueue()
            {
                if (!_running)
                    throw new InvalidOperationException("not started");

                {|#0:_pending++|};
            }

            private void Drain()
            {
                while (_running)
                {
                    if (_pending > 0)
                    {
                        {|#1:_pending--|};
                    }
                }
            }
        }
        """;

    [Fact]
    public Task A_member_that_refuses_unless_the_work_runs_runs_beside_it()
        // The other side of the refusal above: 'Enqueue' needs the flag 'Start' sets for its loop, so it runs only while
        // the loop does.
        => MutationVerify.VerifyAnalyzerAsync(
            Intake,
            MutationVerify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("_pending", "Enqueue",
                "'Enqueue' can be called while the work its object started at line 15 runs"),
            MutationVerify.Diagnostic().WithLocation(1).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("_pending", "Drain", "'Drain' runs on several threads (started at line 15)"));

    private const string OwnScheduler = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Poller : TaskScheduler
        {
            private readonly List<string> _sockets = new();
            private readonly Queue<Task> _tasks = new();
            private readonly ThreadLocal<bool> _onLoop = new();
            private volatile bool _running;
            private volatile bool _dirty;

            public bool IsRunning => _running;

            public void RunAsync()
            {
                if (IsRunning)
                    throw new InvalidOperationException("already running");

                var thread = new Thread(Loop) { IsBackground = true };
                thread.Start();
            }

            public void Add(string socket)
            {
                Run(() =>
                {
                    if (!_sockets.Contains(socket))
                    {
                        _sockets.Add(socket);
                        _dirty = true;
                    }
                });
            }

            public void Run(Action action)
            {
                if (!IsRunning || _onLoop.Value)
                    action();
                else
                    HANDOFF;
            }

            private void Loop()
            {
                _running = true;
                _onLoop.Value = true;
                while (_running)
                {
                    Task? next = null;
                    lock (_tasks)
                    {
                        if (_tasks.Count > 0)
                            next = _tasks.Dequeue();
                    }

                    if (next != null)
                        TryExecuteTask(next);

                    if (_dirty)
                    {
                        {|#0:_dirty = false|};
                        foreach (var socket in _sockets)
                            Console.WriteLine(socket);
                    }
                }
            }

            protected override void QueueTask(Task task)
            {
                lock (_tasks)
                    _tasks.Enqueue(task);
            }

            protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => _onLoop.Value && TryExecuteTask(task);

            protected override IEnumerable<Task> GetScheduledTasks()
            {
                lock (_tasks)
                    return _tasks.ToArray();
            }
        }
        """;

    [Fact]
    public Task A_delegate_a_scheduler_queues_to_itself_runs_on_its_loop()
        // NetMQ's NetMQPoller.Run(Action): run in place when the poller is not running or the caller is on its thread,
        // otherwise 'new Task(action).Start(this)', which the poller's one loop runs.
        => SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(OwnScheduler.Replace("HANDOFF", "new Task(action).Start(this)")));

    [Fact]
    public Task A_delegate_handed_to_the_thread_pool_runs_beside_the_loop()
        => MutationVerify.VerifyAnalyzerAsync(
            OwnScheduler.Replace("HANDOFF", "Task.Run(action)"),
            MutationVerify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("_dirty", "Loop", "'Loop' runs on several threads (started at line 21)"));

    private const string MessageTable = """
        using System;

        namespace Wire
        {
            internal sealed class MessageTable
            {
                private readonly object _lock = new();
                private readonly bool[] _active = new bool[32];

                public void Activate(int id)
                {
                    lock (_lock)
                    {
                        _active[id] = true;
                    }
                }

                public bool IsActive(int id)
                {
                    lock (_lock)
                    {
                        return _active[id];
                    }
                }

                public void Reset() => Array.Clear({|#0:_active|}, 0, _active.Length);
            }

            public sealed class Connection
            {
                private MessageTable _table = new();

                public void Connect()
                {
                    _table = new MessageTable();
                    _table.Activate(1);
                }

                public bool Ready => _table.IsActive(1);

                CALLER
            }
        }
        """;

    private const string ResetSaysWhy = "'Reset' may run on several threads at once: 'MessageTable' synchronizes its own state ('Activate' locks '_lock')";

    [Theory]
    [InlineData("")]
    [InlineData("#if NEVER_DEFINED\npublic void Clear() => _table.Reset();\n#endif")]
    [InlineData("// _table.Reset() is not needed: Connect makes a new table\npublic string Help => \"call Connect, not Reset, to start over\";")]
    [InlineData("public void Reset() { }\npublic void Restart() { Reset(); Connect(); }")]
    [InlineData("private readonly System.Threading.ManualResetEvent _ready = new(false);\npublic void Clear() { _ready.Reset(); this._ready.Reset(); }")]
    [InlineData("private System.Threading.ManualResetEvent? _ready;\npublic void Clear() => _ready?.Reset();")]
    [InlineData("public void Clear(System.Threading.EventWaitHandle ready) { var gate = new System.Threading.ManualResetEventSlim(); gate.Reset(); ready.Reset(); }")]
    public Task An_internal_member_nothing_in_the_build_calls_runs_beside_nothing(string caller)
        // Castle.Core's AddOrUpdateWithoutTakingLock is called only in code compiled for .NET Framework; SSH.NET's
        // SshMessageFactory.Reset, which clears the tables without the lock that guards them, is never called (each
        // connect makes a new factory). A comment and a longer string are not calls of it, nor are calls of another
        // type's 'Reset' on objects declared as that type, or of the caller's own (session 73: the other 'Reset' calls
        // of SSH.NET are on wait handles and on the session's own 'Reset').
        => SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(MessageTable.Replace("CALLER", caller)));

    [Theory]
    [InlineData("public void Clear() => _table.Reset();", "")]
    [InlineData("public Action Clearer => _table.Reset;", "")]
    [InlineData("public void Clear() => typeof(MessageTable).GetMethod(\"Reset\")!.Invoke(_table, null);", "")]
    [InlineData("", "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"Wire.Extensions\")]")]
    [InlineData("public void Clear() { var table = Table(); table.Reset(); }\nprivate MessageTable Table() => _table;", "")]
    [InlineData("public void Clear() { MessageTable table = _table; table.Reset(); }", "")]
    [InlineData("public void Clear(dynamic table) => table.Reset();", "")]
    [InlineData("public void Clear(Connection other) => other._table.Reset();", "")]
    public Task An_internal_member_that_is_called_named_for_reflection_or_seen_by_a_friend_may_run_at_once(string caller, string friend)
        // The search is by name, without binding (an edit must not bind other files): a call on an object whose declared
        // type the syntax does not show, or shows to be one that may hold the member's type, keeps the report.
        => InconsistentVerify.VerifyAnalyzerAsync(
            MessageTable.Replace("CALLER", caller).Replace("using System;\n", "using System;\n" + friend + "\n"),
            InconsistentVerify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithArguments("_active", "written", "_lock", "in 'Activate' (1 of 2 accesses)", ResetSaysWhy));

    [Theory]
    [InlineData(32, false)]
    [InlineData(33, true)]
    public Task Only_so_many_uses_of_a_common_name_are_read_for_their_objects_types(int uses, bool reported)
    {
        // Past 32 uses the name is taken as called: reading every member that uses a common name costs an editor more
        // than the report it could drop.
        var caller = "private readonly System.Threading.ManualResetEvent _ready = new(false);\npublic void Clear()\n{\n"
            + string.Concat(Enumerable.Repeat("_ready.Reset();\n", uses)) + "}";
        var source = MessageTable.Replace("CALLER", caller);
        return reported
            ? InconsistentVerify.VerifyAnalyzerAsync(source, InconsistentVerify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithArguments("_active", "written", "_lock", "in 'Activate' (1 of 2 accesses)", ResetSaysWhy))
            : SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(source));
    }

    private const string Batcher = """
        using System.Collections.Generic;
        using System.Threading;

        public sealed class Batcher
        {
            private readonly object _sync = new();
            private readonly Queue<int> _source = new();
            private readonly List<List<int>> _out = new();
            private List<int>? _batch;

            public Batcher()
            {
                new Thread(() => { while (true) Pump(); }).Start();
                new Thread(() => { while (true) Pump(); }).Start();
            }

            public void Add(int item)
            {
                lock (_sync)
                {
                    _source.Enqueue(item);
                }
            }

            private void Pump()
            {
                List<int>? c;
                lock (_sync)
                {
                    c = _batch;
                    while (_source.Count > 0)
                    {
                        c ??= _batch = new List<int>();
                        c.Add(_source.Dequeue());
                        if (c.Count == 10)
                        {
                            INSIDE
                        }
                    }

                    DECLARED
                }

                OUTSIDE
            }
        }
        """;

    private const string Emit = """
        void Emit(ref List<int>? full)
        {
            _out.Add(full!);
            {|#0:_batch = null|};
            full = null;
        }
        """;

    [Theory]
    [InlineData("Emit(ref c);", "EMIT", "")]
    [InlineData("Emit(ref c);", "", "EMIT")]
    public Task A_local_function_called_only_inside_the_lock_holds_it(string inside, string declared, string outside)
        // Open.ChannelExtensions' BatchingChannelReader.TryPipeItems: 'Emit' is declared and called only inside
        // 'lock (SyncLock)'; walked where it is declared, its store of '_batch' looked made with nothing held.
        => SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(Batcher.Replace("INSIDE", inside).Replace("DECLARED", declared.Replace("EMIT", Emit)).Replace("OUTSIDE", outside.Replace("EMIT", Emit))));

    [Fact]
    public Task A_local_function_called_after_the_lock_holds_nothing()
        => InconsistentVerify.VerifyAnalyzerAsync(
            Batcher.Replace("INSIDE", "break;").Replace("DECLARED", string.Empty).Replace("OUTSIDE", "if (c?.Count == 10) Emit(ref c);\n" + Emit),
            InconsistentVerify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("_batch", "updated", "_sync", "in 'Pump' (1 of 2 accesses)", "'Emit' runs on several threads (started at line 13)"));

    private const string Poller = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Poller : IDisposable
        {
            private readonly object _tickLock = new();
            private readonly Func<Task> _action;
            private Timer? _timer;
            private bool _executing;

            public Poller(Func<Task> action) => _action = action;

            public void Start() => _timer = new Timer(_ => Tick(), null, 1000, 1000);

            VISIBILITY async void Tick()
            {
                if (_executing) return;
                lock (_tickLock)
                {
                    CLAIM
                }

                try
                {
                    await _action();
                }
                finally
                {
                    {|#0:_executing = false|};
                }
            }

            public void Dispose() => _timer?.Dispose();
        }
        """;

    [Theory]
    [InlineData("private")]
    [InlineData("public")]
    public Task A_flag_claimed_under_the_lock_is_given_back_by_its_winner_alone(string visibility)
        // Rebus's SystemThreadingTimerAsyncTask.Tick: a tick that finds the last one still running leaves; the check and
        // the claim are one step under the lock, so only the winner runs the 'try' and clears the flag.
        => SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(Poller.Replace("VISIBILITY", visibility).Replace("CLAIM", "if (_executing) return;\n_executing = true;")));

    [Fact]
    public Task A_flag_claimed_under_the_lock_without_a_check_there_is_not_a_gate()
        => InconsistentVerify.VerifyAnalyzerAsync(
            Poller.Replace("VISIBILITY", "private").Replace("CLAIM", "_executing = true;"),
            InconsistentVerify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("_executing", "updated", "_tickLock", "in 'Tick' (1 of 2 accesses)", "'Tick' runs on several threads (started at line 14)"));

    private const string EntityInit = """
        private static void Init()
        {
            _entities = new Dictionary<string, char>();
            _entities.Add("amp", '&');
            _entities.Add("lt", '<');
        }
        """;

    private const string EntityTable = """
        using System.Collections.Generic;

        public static class Entities
        {
            private static readonly object _sync;
            private static Dictionary<string, char> _entities;

            static Entities()
            {
                _sync = new object();
            }

            public static char Decode(string name)
            {
                var entities = Table();
                return entities.ContainsKey(name) ? entities[name] : '?';
            }

            private static Dictionary<string, char> Table()
            {
                lock (_sync)
                {
                    FILL

                    return {|#0:_entities|};
                }
            }

            INIT

            OTHER
        }
        """;

    [Theory]
    [InlineData("if (_entities == null)\n    Init();", "")]
    [InlineData("if (_entities is null)\n{\n    _entities = new Dictionary<string, char>();\n    _entities.Add(\"gt\", '>');\n}", "")]
    public Task A_table_filled_once_under_the_lock_is_handed_out_whole(string fill, string other)
        // websocket-sharp's HttpUtility: the entity table is made and filled under the lock the first time it is asked
        // for, and never changed after; handed out under that lock, it is whole.
        => SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(EntityTable.Replace("FILL", fill).Replace("OTHER", other).Replace("INIT", fill.Contains("Init()") ? EntityInit : string.Empty)));

    [Fact]
    public Task A_table_read_on_a_fast_path_outside_the_lock_can_be_found_half_filled()
        // Race sets as R14 and aw R16: 'var known = Volatile.Read(ref _field); if (known != null) return known;' before
        // the lock sees the field stored by the filler before it has filled it.
        => InconsistentVerify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;

            /// <summary>One instance is shared by every request handler.</summary>
            public sealed class Programme
            {
                private readonly object _initLock = new();
                private Dictionary<string, int>? _byCode;

                public int Find(string code) => Index.TryGetValue(code, out var length) ? length : 0;

                private Dictionary<string, int> Index
                {
                    get
                    {
                        var known = Volatile.Read(ref _byCode);
                        if (known is not null)
                        {
                            return known;
                        }

                        lock (_initLock)
                        {
                            if (_byCode is null)
                            {
                                _byCode = new Dictionary<string, int>();
                                _byCode["intro"] = 12;
                            }

                            return {|#0:_byCode|};
                        }
                    }
                }
            }
            """,
            InconsistentVerify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("_byCode", "handed out", "_initLock", "in 'Index' (2 of 3 accesses)",
                "'Index' may run on several threads at once: 'Programme' is documented as shared (\"shared by\"); 'Index' returns the collection itself, so its callers read it after the lock is released while 'Index' changes it (return a copy made under the lock)"));

    [Theory]
    [InlineData("if (_entities == null)\n    Init();", "public static void Add(string name, char c)\n{\n    lock (_sync)\n    {\n        Table();\n        _entities.Add(name, c);\n    }\n}")]
    public Task A_table_changed_again_after_its_first_fill_is_handed_out_live(string fill, string other)
        => InconsistentVerify.VerifyAnalyzerAsync(
            EntityTable.Replace("FILL", fill).Replace("OTHER", other).Replace("INIT", EntityInit),
            InconsistentVerify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("_entities", "handed out", "_sync", "in 'Table' (8 of 9 accesses)",
                "'Table' may run on several threads at once: 'Entities' synchronizes its own state ('Table' locks '_sync'); 'Table' returns the collection itself, so its callers read it after the lock is released while 'Init' changes it (return a copy made under the lock)"));

    private const string EventHub = """
        using System.Threading;

        public sealed class EventHub
        {
            private readonly object _eventLock = new();
            private Event? _head;
            private Event? _tail;
            private int _lastId;
            private Thread? _logic;
            private volatile bool _running;

            public void Start()
            {
                _running = true;
                _logic = new Thread(Loop) { IsBackground = true };
                _logic.Start();
            }

            public void Stop() => Stop(flush: true);

            public void Stop(bool flush)
            {
                if (!_running) return;
                _running = false;
                WAIT
                {|#0:_head = null|};
                {|#1:_tail = null|};
                {|#2:_lastId = 0|};
            }

            private void JoinLogic()
            {
                if (_logic != null && _logic != Thread.CurrentThread)
                    _logic.Join();
                _logic = null;
            }

            public void Raise(Event e)
            {
                lock (_eventLock)
                {
                    CHECK
                    e.Id = ++_lastId;
                    if (_tail == null) _head = e; else _tail.Next = e;
                    _tail = e;
                }
            }

            public Event? Poll()
            {
                lock (_eventLock)
                {
                    var e = _head;
                    if (e != null) { _head = e.Next; if (_head == null) _tail = null; }
                    return e;
                }
            }

            private void Loop()
            {
                while (_running) Raise(new Event());
            }
        }

        public sealed class Event
        {
            public Event? Next;
            public int Id;
        }
        """;

    [Theory]
    [InlineData("_logic?.Join();")]
    [InlineData("JoinLogic();")]
    public Task A_stop_that_joins_the_objects_own_thread_resets_its_state_after_the_work(string wait)
        // LiteNetLib's Stop: it joins the receive and logic threads the manager started, then resets the event queue and
        // the peer counter for the next start. Like Dispose, it ends the object's use: calling it beside the object's
        // other members is the caller's bug, and no thread of the object runs after the join.
        => SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(EventHub.Replace("WAIT", wait).Replace("CHECK", string.Empty)));

    [Fact]
    public Task A_stop_that_waits_for_nothing_of_its_own_races_with_the_members()
        => InconsistentVerify.VerifyAnalyzerAsync(
            EventHub.Replace("WAIT", "Thread.Sleep(100);").Replace("CHECK", string.Empty),
            StopResets());

    [Fact]
    public Task A_stop_whose_members_check_its_flag_under_their_lock_runs_beside_them()
        // The members are written to be called while the object stops ('if (!_running) return;' under the lock): a
        // caller's 'Raise' that passed the check before the flag was cleared adds beside the reset, which the join of
        // the object's own thread does not wait for.
        => InconsistentVerify.VerifyAnalyzerAsync(
            EventHub.Replace("WAIT", "_logic?.Join();").Replace("CHECK", "if (!_running) return;"),
            StopResets());

    private static DiagnosticResult[] StopResets()
    {
        const string Why = "'Stop' may run on several threads at once: 'EventHub' synchronizes its own state ('Raise' locks '_eventLock')";
        DiagnosticResult Reset(int location, string field, string count)
            => InconsistentVerify.Diagnostic().WithLocation(location).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments(field, "written", "_eventLock", $"in 'Raise' ({count} accesses)", Why);
        return [Reset(0, "_head", "4 of 5"), Reset(1, "_tail", "4 of 5"), Reset(2, "_lastId", "1 of 2")];
    }

    private const string SyncClient = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class SyncClient : IDisposable
        {
            private readonly SemaphoreSlim _readGate = new SemaphoreSlim(1, 1);
            private Task? _monitor;

            public void Connect()
            {
                _ = Task.Run(ReceiveLoop);
                {|#0:_monitor = Task.Run(Monitor)|};
            }

            private async Task ReceiveLoop()
            {
                await _readGate.WaitAsync();
                try
                {
                    if (NeedsAuth()) SendOrDispose();
                }
                finally
                {
                    _readGate.Release();
                }
            }

            private void SendOrDispose()
            {
                if (!TrySend()) Dispose();
            }

            public void Dispose()
            {
                _monitor = null;
            }

            READ

            private Task Monitor() => Task.CompletedTask;
            private bool NeedsAuth() => true;
            private bool TrySend() => false;
        }
        """;

    [Fact]
    public Task A_field_that_nothing_reads_is_not_raced_on()
        // WatsonTcp's client: the monitor task is stored when connecting and nulled when disposing, and never read; the
        // receive loop happens to hold its read gate on the one path on which a failed send disposes the client.
        => SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(SyncClient.Replace("READ", string.Empty)));

    [Fact]
    public Task A_field_that_a_member_reads_is_raced_on()
        => InconsistentVerify.VerifyAnalyzerAsync(
            SyncClient.Replace("READ", "public bool Monitoring => _monitor is { IsCompleted: false };"),
            InconsistentVerify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("_monitor", "updated", "_readGate", "in 'Dispose' (1 of 2 accesses)", "'Connect' runs on several threads (started at line 12)"));

    // KafkaFlow's PartitionOffsets: an internal type that locks its own queue, with a property that a dequeue clears
    // before taking the lock. Its one caller, in another file, calls the dequeue and reads the property inside
    // 'lock (offsets)', a lock on the very object it calls: the calls of one object never overlap.
    private const string Ledger = """
        using System.Collections.Generic;

        internal sealed class Ledger
        {
            private readonly LinkedList<int> _pending = new();

            public int Last { get; private set; }

            public void Add(int amount)
            {
                lock (_pending)
                {
                    _pending.AddLast(amount);
                }
            }

            public bool TryTake()
            {
                {|#0:Last = 0|};
                lock (_pending)
                {
                    if (_pending.Count == 0)
                    {
                        return false;
                    }

                    Last = _pending.First!.Value;
                    _pending.RemoveFirst();
                }

                return true;
            }
        }
        """;

    private const string Books = """
        using System;
        using System.Collections.Generic;

        internal sealed class Books
        {
            private readonly Dictionary<string, Ledger> _ledgers = new();

            public void Settle(string name)
            {
                if (!_ledgers.TryGetValue(name, out var ledger))
                {
                    return;
                }

                LOCKED
            }
        }
        """;

    [Theory]
    [InlineData("lock (ledger)\n{\n    if (ledger.TryTake()) Console.WriteLine(ledger.Last);\n}")]
    [InlineData("lock (ledger)\n{\n    while (ledger.TryTake())\n    {\n        Console.WriteLine(ledger.Last);\n    }\n}")]
    public Task A_method_every_caller_calls_inside_a_lock_on_the_object_it_calls_does_not_run_beside_itself(string locked)
    {
        var test = new InconsistentVerify.Test();
        test.TestState.Sources.Add(SharedStateSilence.Unmarked(Ledger));
        test.TestState.Sources.Add(Books.Replace("LOCKED", locked));
        return test.RunAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("if (ledger.TryTake()) Console.WriteLine(ledger.Last);")]
    [InlineData("lock (_ledgers)\n{\n    if (ledger.TryTake()) Console.WriteLine(ledger.Last);\n}")]
    [InlineData("lock (ledger)\n{\n    ledger = new Ledger();\n    if (ledger.TryTake()) Console.WriteLine(ledger.Last);\n}")]
    public Task A_method_called_outside_a_lock_on_its_own_object_runs_beside_itself(string called)
    {
        var test = new InconsistentVerify.Test();
        test.TestState.Sources.Add(Ledger);
        test.TestState.Sources.Add(Books.Replace("LOCKED", called));
        test.ExpectedDiagnostics.Add(InconsistentVerify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments(
            "Last", "written", "_pending", "in 'TryTake' (1 of 2 accesses)", "'TryTake' may run on several threads at once: 'Ledger' synchronizes its own state ('Add' locks '_pending')"));
        return test.RunAsync(CancellationToken.None);
    }
}
