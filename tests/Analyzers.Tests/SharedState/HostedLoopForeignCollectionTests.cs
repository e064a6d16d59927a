using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;
using Forklift.CodeFixes.SharedState;
using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<Forklift.Analyzers.SharedState.CollectionMutatedConcurrentlyAnalyzer, Forklift.CodeFixes.SharedState.CollectionMutatedConcurrentlyCodeFix>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A hosted service's background loop that changes a collection held by another shared object, which other types read
/// (set z R14: a telemetry service writing the fleet state's dictionary of positions while a query singleton enumerates
/// it per request). The collection belongs to neither the service nor its readers, so only this check sees both sides
/// (<see cref="HostedLoopForeignCollections"/>).
/// </summary>
public class HostedLoopForeignCollectionTests
{
    private const string Singleton = "/// <summary>App-wide singleton holding the last known position of every groomer.</summary>";

    /// <summary>
    /// The fleet state (<paramref name="holder"/>: its documentation, attributes and members), the telemetry service whose
    /// loop runs <paramref name="loop"/> after a delay, and a query service whose members are <paramref name="query"/>
    /// (none when null).
    /// </summary>
    private static string Fleet(string holder, string loop, string? query = "public List<int> All() => _state.Positions.Values.ToList();")
        => $$"""
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Hosting;

            {{holder}}

            public sealed class TelemetryService : BackgroundService
            {
                private readonly FleetState _state;

                public TelemetryService(FleetState state) => _state = state;

                protected override async Task {|#1:ExecuteAsync|}(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await Task.Delay(1000, stoppingToken);
                        {{loop}}
                    }
                }
            }
            {{(query is null ? "" : $$"""

            public sealed class StatusQuery
            {
                private readonly FleetState _state;

                public StatusQuery(FleetState state) => _state = state;

                {{query}}
            }
            """)}}
            """ + HostedServiceLoopTests.Hosting;

    private static string Holder(string attributes, string members) => $$"""
        {{attributes}}
        public sealed class FleetState
        {
            {{members}}
        }
        """;

    private const string Positions = "public Dictionary<string, int> Positions { get; } = new();";

    [Fact]
    public Task Loop_stores_into_a_documented_singletons_dictionary_that_a_query_enumerates()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Fleet(Holder(Singleton, Positions), """{|#0:_state.Positions["g1"] = 4|};"""),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("Positions", "Dictionary<string, int>", "ExecuteAsync",
                    "'FleetState' is documented as shared (\"app-wide singleton\"), and the hosted service's background loop changes it while 'All' in 'StatusQuery' reads it on the application's threads (line 36)"));

    [Fact]
    public Task Loop_adds_to_a_list_field_of_a_ThreadSafe_holder_that_a_property_reads()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Fleet(
                "public sealed class ThreadSafeAttribute : System.Attribute { }\n\n" + Holder("[ThreadSafe]", "public readonly List<string> Recent = new();"),
                """{|#0:_state.Recent.Add("low pressure")|};""",
                "public int Count => _state.Recent.Count;"),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("Recent", "List<string>", "ExecuteAsync",
                    "'FleetState' is marked [ThreadSafe], and the hosted service's background loop changes it while 'Count' in 'StatusQuery' reads it on the application's threads (line 38)"));

    /// <summary>
    /// A lock taken in the loop would not be taken by the readers in other types, and the collection is declared in
    /// another class: neither the lock nor the concurrent collection is offered.
    /// </summary>
    [Theory]
    [InlineData(CollectionMutatedConcurrentlyCodeFix.LockKey)]
    [InlineData(CollectionMutatedConcurrentlyCodeFix.ConcurrentCollectionKey)]
    public Task No_fix_is_offered(string key)
    {
        var source = Fleet(Holder(Singleton, Positions), """[|_state.Positions["g1"] = 4|];""").Replace("{|#1:ExecuteAsync|}", "ExecuteAsync", StringComparison.Ordinal);
        return new Verify.Test { TestCode = source, FixedCode = source, CodeActionEquivalenceKey = key }.RunAsync();
    }

    /// <summary>Nothing says the holder is shared: the service may have an instance of its own.</summary>
    [Fact]
    public Task Holder_not_declared_shared_is_not_reported()
        => VerifySilentAsync(Fleet(Holder("", Positions), """_state.Positions["g1"] = 4;"""));

    /// <summary>The loop takes a lock: whether the readers take the same one is the lock rules' question, not this check's.</summary>
    [Fact]
    public Task Loop_that_locks_is_not_reported()
        => VerifySilentAsync(Fleet(
            Holder(Singleton, "public readonly object Gate = new();\n    " + Positions),
            """lock (_state.Gate) { _state.Positions["g1"] = 4; }""",
            "public List<int> All() { lock (_state.Gate) { return _state.Positions.Values.ToList(); } }"));

    /// <summary>Only the loop and the holder's own constructor use the collection: no other thread reads it.</summary>
    [Fact]
    public Task Collection_no_other_type_uses_is_not_reported()
        => VerifySilentAsync(Fleet(
            Holder(Singleton, "public FleetState() => Positions = new Dictionary<string, int>();\n\n    public Dictionary<string, int> Positions { get; }"),
            """_state.Positions["g1"] = 4;""",
            query: null));

    /// <summary>
    /// The fleet state hands out its groomers, each with a track list it adds to under a lock on that list; the loop
    /// trims every groomer's track (<paramref name="trim"/>) in a <c>foreach</c> over them (set au R12).
    /// </summary>
    private static string Tracks(string attributes, string trim) => Fleet(
        $$"""
        public sealed class Groomer
        {
            public List<int> Track { get; } = new();
        }

        {{attributes}}
        public sealed class FleetState
        {
            private readonly ConcurrentDictionary<string, Groomer> _groomers = new();

            public IEnumerable<Groomer> Groomers => _groomers.Values;

            public void Report(string id, int point)
            {
                if (_groomers.TryGetValue(id, out var groomer))
                {
                    lock (groomer.Track)
                    {
                        groomer.Track.Add(point);
                    }
                }
            }
        }
        """,
        $$"""
        foreach (var groomer in _state.Groomers)
                    {
                        {{trim}}
                    }
        """,
        query: null);

    [Fact]
    public Task Loop_trims_the_list_of_every_item_a_shared_registry_hands_out()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Tracks(Singleton, "{|#0:groomer.Track.RemoveAll(p => p < 0)|};"),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("Track", "List<int>", "ExecuteAsync",
                    "'FleetState' is documented as shared (\"app-wide singleton\") and hands out each 'Groomer' through 'Groomers', and the hosted service's background loop changes it while 'Report' in 'FleetState' reads it on the application's threads (line 24)"));

    /// <summary>Nothing says the registry is shared: the service may have one of its own, and its groomers with it.</summary>
    [Fact]
    public Task Items_of_a_registry_not_declared_shared_are_not_reported()
        => VerifySilentAsync(Tracks("", "groomer.Track.RemoveAll(p => p < 0);"));

    /// <summary>The loop takes the lock the registry takes on each list.</summary>
    [Fact]
    public Task Loop_that_locks_each_items_list_is_not_reported()
        => VerifySilentAsync(Tracks(Singleton, "lock (groomer.Track) { groomer.Track.RemoveAll(p => p < 0); }"));

    /// <summary>A concurrent collection is made for this.</summary>
    [Fact]
    public Task Concurrent_dictionary_is_not_reported()
        => VerifySilentAsync(Fleet(Holder(Singleton, "public ConcurrentDictionary<string, int> Positions { get; } = new();"), """_state.Positions["g1"] = 4;"""));

    private static Task VerifySilentAsync(string source)
        => SharedStateSilence.VerifyNoRaceAsync(source.Replace("{|#1:ExecuteAsync|}", "ExecuteAsync", StringComparison.Ordinal));
}
