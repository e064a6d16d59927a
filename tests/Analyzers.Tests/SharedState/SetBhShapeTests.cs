using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// The shapes blind set bh (session 63) found missing, minimized (#9): a single-flight coalescer whose async helper,
/// started under the gate, removes its entry after the await, in a type with no other synchronization to make the
/// syntax pre-check read its bodies; a loop a static host starts on an object its caller passes, beside that object's
/// public members; a store documented as an ASP.NET Core singleton; a cancellation callback handed <c>this</c> inside a
/// tuple state, taken apart by deconstruction; plugins started together through their interface, each adding to one
/// static registry.
/// </summary>
public class SetBhShapeTests
{
    private static string Coalescer(string remove) => $$"""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public interface IValuations
        {
            Task<decimal> ValueAsync(string lot);
        }

        public sealed class {|#1:ValuationCoalescer|}
        {
            private readonly object _gate = new();
            private readonly Dictionary<string, Task<decimal>> _inFlight = new();
            private readonly IValuations _inner;

            public ValuationCoalescer(IValuations inner) => _inner = inner;

            public Task<decimal> GetAsync(string lot)
            {
                lock (_gate)
                {
                    if (_inFlight.TryGetValue(lot, out var existing))
                    {
                        return existing;
                    }

                    var task = FetchAsync(lot);
                    if (!task.IsCompleted)
                    {
                        _inFlight[lot] = task;
                    }

                    return task;
                }
            }

            public int InFlightCount
            {
                get { lock (_gate) return _inFlight.Count; }
            }

            private async Task<decimal> FetchAsync(string lot)
            {
                try
                {
                    return await _inner.ValueAsync(lot).ConfigureAwait(false);
                }
                finally
                {
                    {{remove}}
                }
            }
        }
        """;

    [Fact]
    public Task Entry_removed_after_the_await_without_the_gate_is_flagged()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(
            Coalescer("{|#0:_inFlight.Remove(lot)|};"),
            CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_inFlight", "modified", "_gate", "in 'GetAsync' (3 of 4 accesses)",
                "'FetchAsync' may run on several threads at once: 'ValuationCoalescer' synchronizes its own state ('GetAsync' locks '_gate'); 'FetchAsync' is async and gets here after an await, when its caller has already released '_gate'"));

    [Fact]
    public Task Entry_removed_under_the_gate_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Coalescer("lock (_gate) { _inFlight.Remove(lot); }").Replace("{|#1:ValuationCoalescer|}", "ValuationCoalescer"));

    private static string Layout(string host, string add = "{|#0:_trains.Add(new Train(name))|};") => $$"""
        using System;
        using System.Collections.Generic;
        using System.Threading;

        public sealed class Train
        {
            public Train(string name) => Name = name;

            public string Name { get; }
            public int Block { get; set; }
        }

        public sealed class LayoutSimulation
        {
            private readonly List<Train> _trains = new();

            public void Run(CancellationToken ct)
            {
                while (!ct.IsCancellationRequested)
                {
                    Tick();
                    Thread.Sleep(50);
                }
            }

            private void Tick()
            {
                foreach (var train in _trains)
                {
                    train.Block = (train.Block + 1) % 24;
                }
            }

            public void AddTrain(string name)
            {
                {{add}}
            }
        }

        public static class SimulationHost
        {
            {{host}}
        }
        """;

    [Fact]
    public Task Member_of_an_object_the_host_was_given_runs_beside_the_loop_it_started_on_it()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Layout("""
                public static Thread Start(LayoutSimulation sim, CancellationToken ct)
                    {
                        var thread = {|#1:new Thread(() => sim.Run(ct)) { IsBackground = true }|};
                        thread.Start();
                        return thread;
                    }
                """),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_trains", "List<Train>", "AddTrain", "'AddTrain' can be called on 'sim' while the work started at line 44 runs on it"));

    /// <summary>
    /// A background step that uses the options of the call among other things (replacing them with a copy before it
    /// writes one) is not work on the options (FusionCache's background factory completion, beside the options' public
    /// <c>SetDistributedCacheTimeouts</c>: a false report at 34b4e3d).
    /// </summary>
    [Fact]
    public Task Work_that_uses_a_parameter_among_other_things_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Threading.Tasks;

            public sealed class EntryOptions
            {
                public bool AllowBackground { get; set; }

                public EntryOptions Duplicate() => new() { AllowBackground = AllowBackground };

                public EntryOptions SetTimeouts(bool allowBackground)
                {
                    AllowBackground = allowBackground;
                    return this;
                }
            }

            public sealed class Cache
            {
                private int _completed;

                public void CompleteInBackground(Task<int> factory, EntryOptions options)
                {
                    _ = Task.Run(async () =>
                    {
                        var value = await factory.ConfigureAwait(false);
                        options = options.Duplicate();
                        options.AllowBackground = false;
                        Console.WriteLine(value);
                    });
                }
            }
            """);

    [Fact]
    public Task Object_the_host_creates_itself_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Layout("""
            public static Thread Start(CancellationToken ct)
                {
                    var sim = new LayoutSimulation();
                    var thread = new Thread(() => sim.Run(ct)) { IsBackground = true };
                    thread.Start();
                    return thread;
                }
            """));

    [Fact]
    public Task Loop_joined_before_the_host_returns_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Layout("""
            public static void RunFor(LayoutSimulation sim, CancellationToken ct)
                {
                    var thread = new Thread(() => sim.Run(ct)) { IsBackground = true };
                    thread.Start();
                    thread.Join();
                }
            """));

    private static string KeyStore(string documentation) => $$"""
        using System.Collections.Generic;
        using System.Threading;

        /// <summary>
        /// Remembers the outcome of each order by its Idempotency-Key header.
        /// {{documentation}}
        /// </summary>
        public sealed class {|#1:IdempotencyKeyStore|}
        {
            private readonly Dictionary<string, SemaphoreSlim> _keyLocks = new();

            public SemaphoreSlim GetKeyLock(string key)
            {
                if (!_keyLocks.TryGetValue(key, out var gate))
                {
                    gate = new SemaphoreSlim(1, 1);
                    {|#0:_keyLocks[key] = gate|};
                }

                return gate;
            }
        }
        """;

    [Fact]
    public Task Store_documented_as_an_ASP_NET_Core_singleton_is_shared()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            KeyStore("Registered as an ASP.NET Core singleton."),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_keyLocks", "Dictionary<string, SemaphoreSlim>", "GetKeyLock",
                "'GetKeyLock' may run on several threads at once: 'IdempotencyKeyStore' is documented as shared (\"asp.net core singleton\")"));

    [Fact]
    public Task Store_documented_as_scoped_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(KeyStore("Registered as a scoped service.").Replace("{|#1:IdempotencyKeyStore|}", "IdempotencyKeyStore"));

    private static string Board(string callback) => $$"""
        using System.Collections.Generic;
        using System.Threading;

        public sealed class Crossing
        {
            public Crossing(int id) => Id = id;

            public int Id { get; }
        }

        public sealed class {|#1:CrossingBoard|}
        {
            private readonly object _gate = new();
            private readonly Dictionary<int, Crossing> _inFlight = new();
            private readonly CancellationToken _closure;
            private int _nextId;

            public CrossingBoard(CancellationToken closure) => _closure = closure;

            public Crossing Depart()
            {
                Crossing crossing;
                lock (_gate)
                {
                    crossing = new Crossing(++_nextId);
                    _inFlight.Add(crossing.Id, crossing);
                }

                {{callback}}
                return crossing;
            }

            public void Arrive(int id)
            {
                lock (_gate)
                {
                    _inFlight.Remove(id);
                }
            }
        }
        """;

    [Fact]
    public Task Callback_given_this_in_a_tuple_state_changes_the_map_without_the_gate()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(
            Board("""
                _closure.Register(static state =>
                        {
                            var (board, c) = ((CrossingBoard, Crossing))state!;
                            {|#0:board._inFlight.Remove(c.Id)|};
                        }, (this, crossing));
                """),
            CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_inFlight", "modified", "_gate", "in 'Arrive' (1 of 2 accesses)",
                "'Depart' may run on several threads at once: 'CrossingBoard' synchronizes its own state ('Depart' locks '_gate')"));

    [Fact]
    public Task Callback_that_takes_the_gate_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Board("""
            _closure.Register(static state =>
                    {
                        var (board, c) = ((CrossingBoard, Crossing))state!;
                        lock (board._gate)
                        {
                            board._inFlight.Remove(c.Id);
                        }
                    }, (this, crossing));
            """));

    [Fact]
    public Task Tuple_that_holds_another_board_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Board("""
            _closure.Register(static state =>
                    {
                        var (board, c) = ((CrossingBoard, Crossing))state!;
                        board._inFlight.Remove(c.Id);
                    }, (new CrossingBoard(default), crossing));
            """));

    private static string Plugins(string register) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        public static class CueRegistry
        {
            private static readonly List<Func<string, Task>> s_handlers = new();
            private static readonly object s_gate = new();

            public static void Register(Func<string, Task> handler)
            {
                {{register}}
            }
        }

        public interface IShowPlugin
        {
            Task InitialiseAsync(CancellationToken ct);
        }

        public sealed class StageLights : IShowPlugin
        {
            public async Task InitialiseAsync(CancellationToken ct)
            {
                await Task.Delay(25, ct);
                CueRegistry.Register(cue => Task.CompletedTask);
            }
        }

        public sealed class FollowSpot : IShowPlugin
        {
            public Task InitialiseAsync(CancellationToken ct) => Task.CompletedTask;
        }

        public static class PluginLoader
        {
            public static Task LoadAllAsync(IReadOnlyList<IShowPlugin> plugins, CancellationToken ct)
                => Task.WhenAll(plugins.Select(p => {|#1:Task.Run(() => p.InitialiseAsync(ct), ct)|}));
        }
        """;

    [Fact]
    public Task Implementations_of_an_interface_started_together_add_to_one_static_list()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Plugins("{|#0:s_handlers.Add(handler)|};"),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "s_handlers", "List<Func<string, Task>>", "Register", "'Register' runs on several threads (started at line 40)"));

    [Fact]
    public Task Implementations_that_register_under_a_lock_are_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Plugins("lock (s_gate) { s_handlers.Add(handler); }").Replace("{|#1:", "").Replace("ct)|}));", "ct)));"));
}
