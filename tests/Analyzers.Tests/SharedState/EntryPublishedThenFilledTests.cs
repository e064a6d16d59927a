using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<Forklift.Analyzers.SharedState.PublishedBeforeFilledAnalyzer, Forklift.CodeFixes.SharedState.PublishedBeforeFilledCodeFix>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// FL1007 for a concurrent dictionary's entry: a new object stored into a <c>ConcurrentDictionary</c> and filled after
/// the store, while another member takes it out and reads what is being filled (set bk R13: a depot published into the
/// directory before its list of stabled trams is filled, while allocation requests enumerate the list).
/// </summary>
public class EntryPublishedThenFilledTests
{
    private static string Directory(string reload, string extraMembers = "") => $$"""
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;

        public sealed class Depot
        {
            public Depot(string code) => Code = code;

            public string Code { get; }
            public string? Manager { get; set; }
            public List<string> Stabled { get; } = new();
            public ConcurrentBag<string> Arrivals { get; } = new();
        }

        public sealed class StablingDirectory
        {
            private readonly ConcurrentDictionary<string, Depot> _depots = new(StringComparer.OrdinalIgnoreCase);

            public void Reload(IEnumerable<string> codes, Func<string, IEnumerable<string>> tramsAt)
            {
        {{reload}}
            }

            public int Stabled(string code)
            {
                if (!_depots.TryGetValue(code, out var depot))
                {
                    return 0;
                }

                var count = 0;
                foreach (var tram in depot.{|#2:Stabled|})
                {
                    count++;
                }

                return count;
            }

            public string? Manager(string code) => _depots.TryGetValue(code, out var depot) ? depot.Manager : null;
        {{extraMembers}}
        }
        """;

    [Fact]
    public Task An_entry_stored_then_its_list_filled_is_flagged_and_the_store_moved_after_the_fill()
        => Verify.VerifyCodeFixAsync(
            Directory("""
                    foreach (var code in codes)
                    {
                        var depot = new Depot(code);
                        {|#0:_depots[code] = depot|};
                        foreach (var tram in tramsAt(code))
                        {
                            {|#1:depot.Stabled.Add(tram)|};
                        }
                    }
            """),
            [Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("depot", "'depot.Stabled.Add' changes it after it is stored in '_depots', so 'Stabled' taking it out", "40")],
            Directory("""
                    foreach (var code in codes)
                    {
                        var depot = new Depot(code);
                        foreach (var tram in tramsAt(code))
                        {
                            depot.Stabled.Add(tram);
                        }
                        _depots[code] = depot;
                    }
            """).Replace("{|#2:Stabled|}", "Stabled"));

    [Fact]
    public Task An_entry_added_with_TryAdd_then_given_a_member_that_a_reader_reads_is_flagged()
        => Verify.VerifyAnalyzerAsync(
            Directory("""
                    foreach (var code in codes)
                    {
                        var depot = new Depot(code);
                        if ({|#0:_depots.TryAdd(code, depot)|})
                        {
                            {|#1:depot.Manager = "duty"|};
                        }
                    }
            """).Replace("{|#2:Stabled|}", "Stabled").Replace("depot.Manager : null", "depot.{|#2:Manager|} : null"),
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("depot", "'depot.Manager = …' changes it after it is stored in '_depots', so 'Manager' taking it out", "47"));

    [Fact]
    public Task An_entry_filled_before_it_is_stored_is_not_flagged()
        => Verify.VerifyAnalyzerAsync(
            Directory("""
                    foreach (var code in codes)
                    {
                        var depot = new Depot(code);
                        foreach (var tram in tramsAt(code))
                        {
                            depot.Stabled.Add(tram);
                        }

                        _depots[code] = depot;
                    }
            """).Replace("{|#2:Stabled|}", "Stabled"));

    [Fact]
    public Task A_member_of_a_thread_safe_type_filled_after_the_store_is_not_flagged()
        // The bag is safe to add to while a reader enumerates it.
        => Verify.VerifyAnalyzerAsync(
            Directory("""
                    foreach (var code in codes)
                    {
                        var depot = new Depot(code);
                        _depots[code] = depot;
                        foreach (var tram in tramsAt(code))
                        {
                            depot.Arrivals.Add(tram);
                        }
                    }
            """,
            """
                public int Arrived(string code) => _depots.TryGetValue(code, out var depot) ? depot.Arrivals.Count : 0;
            """).Replace("{|#2:Stabled|}", "Stabled"));

    [Fact]
    public Task A_filled_member_that_no_reader_names_is_not_flagged()
        // Readers take depots out, but none of them reads the list being filled (nor does 'Manager' exist here).
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Collections.Generic;

            public sealed class Depot
            {
                public List<string> Log { get; } = new();
                public string Code { get; set; } = "";
            }

            public sealed class Directory
            {
                private readonly ConcurrentDictionary<string, Depot> _depots = new();

                public void Add(string code)
                {
                    var depot = new Depot();
                    _depots[code] = depot;
                    depot.Log.Add("created");
                }

                public string Code(string code) => _depots.TryGetValue(code, out var depot) ? depot.Code : "";
            }
            """);

    [Fact]
    public Task A_store_and_fill_under_a_lock_are_not_flagged()
        => Verify.VerifyAnalyzerAsync(
            Directory("""
                    lock (_depots)
                    {
                        foreach (var code in codes)
                        {
                            var depot = new Depot(code);
                            _depots[code] = depot;
                            depot.Stabled.Add("first");
                        }
                    }
            """).Replace("{|#2:Stabled|}", "Stabled"));

    [Fact]
    public Task A_store_made_while_constructing_is_not_flagged()
        // A private loader only the constructor calls runs before any reader can reach the directory.
        => Verify.VerifyAnalyzerAsync(
            Directory(
                """
                    foreach (var code in codes)
                    {
                        _depots[code] = new Depot(code);
                    }
            """,
                """
                public StablingDirectory(IEnumerable<string> codes)
                {
                    Load(codes);
                }

                private void Load(IEnumerable<string> codes)
                {
                    foreach (var code in codes)
                    {
                        var depot = new Depot(code);
                        _depots[code] = depot;
                        depot.Stabled.Add("first");
                    }
                }
            """).Replace("{|#2:Stabled|}", "Stabled"));

    [Fact]
    public Task A_dictionary_of_lists_given_a_new_list_then_added_to_is_flagged()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Linq;

            public sealed class Routes
            {
                private readonly ConcurrentDictionary<string, List<string>> _stops = new();

                public void Define(string route, IEnumerable<string> stops)
                {
                    var list = new List<string>();
                    {|#0:_stops[route] = list|};
                    foreach (var stop in stops)
                    {
                        {|#1:list.Add(stop)|};
                    }
                }

                public string[] Stops(string route) => {|#2:_stops|}.TryGetValue(route, out var list) ? list.ToArray() : [];
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("list", "'list.Add' changes it after it is stored in '_stops', so 'Stops' taking it out", "19"));

    [Fact]
    public Task A_plain_dictionary_is_not_this_shape()
        // Not a concurrent dictionary: nothing says its entries are read on other threads.
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;

            public sealed class Routes
            {
                private readonly Dictionary<string, List<string>> _stops = new();

                public void Define(string route, IEnumerable<string> stops)
                {
                    var list = new List<string>();
                    _stops[route] = list;
                    foreach (var stop in stops)
                    {
                        list.Add(stop);
                    }
                }

                public string[] Stops(string route) => _stops.TryGetValue(route, out var list) ? list.ToArray() : [];
            }
            """);

    [Fact]
    public Task Store_and_readers_that_hold_the_types_semaphore_are_not_flagged()
        // Quartz's RAMJobStore: 'AddTriggerNoLock' stores a new wrapper in 'triggersByKey' and sets its state after the
        // store, but it runs under the semaphore its caller holds, and every reader holds the same semaphore, itself or, for
        // 'PauseTriggerNoLock', through the member that calls it.
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class TriggerWrapper
            {
                public TriggerWrapper(string key) => Key = key;

                public string Key { get; }
                public int state;
            }

            public sealed class JobStore
            {
                private readonly SemaphoreSlim lockObject = new(1, 1);
                private readonly ConcurrentDictionary<string, TriggerWrapper> triggersByKey = new();

                public async Task AddTrigger(string key)
                {
                    await lockObject.WaitAsync().ConfigureAwait(false);
                    try
                    {
                        AddTriggerNoLock(key);
                    }
                    finally
                    {
                        lockObject.Release();
                    }
                }

                private void AddTriggerNoLock(string key)
                {
                    var tw = new TriggerWrapper(key);
                    triggersByKey[key] = tw;
                    tw.state = 1;
                }

                public async Task Pause(string key)
                {
                    await lockObject.WaitAsync().ConfigureAwait(false);
                    try
                    {
                        PauseNoLock(key);
                    }
                    finally
                    {
                        lockObject.Release();
                    }
                }

                private void PauseNoLock(string key)
                {
                    if (triggersByKey.TryGetValue(key, out var tw) && tw.state == 1)
                    {
                        tw.state = 2;
                    }
                }

                public async Task<int> State(string key)
                {
                    await lockObject.WaitAsync().ConfigureAwait(false);
                    try
                    {
                        return triggersByKey.TryGetValue(key, out var tw) ? tw.state : -1;
                    }
                    finally
                    {
                        lockObject.Release();
                    }
                }
            }
            """);

    [Fact]
    public Task Helpers_that_members_call_without_the_semaphore_are_flagged()
        // The same helpers, but 'AddTrigger' and 'Pause' call them without taking the semaphore.
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class TriggerWrapper
            {
                public TriggerWrapper(string key) => Key = key;

                public string Key { get; }
                public int state;
            }

            public sealed class JobStore
            {
                private readonly SemaphoreSlim lockObject = new(1, 1);
                private readonly ConcurrentDictionary<string, TriggerWrapper> triggersByKey = new();

                public void AddTrigger(string key) => AddTriggerNoLock(key);

                private void AddTriggerNoLock(string key)
                {
                    var tw = new TriggerWrapper(key);
                    {|#0:triggersByKey[key] = tw|};
                    {|#1:tw.state = 1|};
                }

                public void Pause(string key) => PauseNoLock(key);

                private void PauseNoLock(string key)
                {
                    if (triggersByKey.TryGetValue(key, out var tw) && tw.{|#2:state|} == 1)
                    {
                        tw.state = 2;
                    }
                }

                public async Task<int> State(string key)
                {
                    await lockObject.WaitAsync().ConfigureAwait(false);
                    try
                    {
                        return triggersByKey.TryGetValue(key, out var tw) ? tw.state : -1;
                    }
                    finally
                    {
                        lockObject.Release();
                    }
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("tw", "'tw.state = …' changes it after it is stored in 'triggersByKey', so 'PauseNoLock' taking it out", "31"));
}
