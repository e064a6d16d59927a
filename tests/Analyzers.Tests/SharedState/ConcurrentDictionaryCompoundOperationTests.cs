using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.ConcurrentDictionaryCompoundOperationAnalyzer>;

namespace Forklift.Analyzers.Tests.SharedState;

public class ConcurrentDictionaryCompoundOperationTests
{
    [Fact]
    public Task Increment_and_compound_assignment_of_an_entry()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;

            class Counter
            {
                private readonly ConcurrentDictionary<string, int> _counts = new();

                public void Hit(string key, int n)
                {
                    {|#0:_counts[key]++|};
                    [|_counts[key] += n|];
                    [|_counts[key] = _counts[key] * 2|];
                    _counts[key] = n;
                    _counts["a"] = _counts["b"] + 1;
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("'_counts[key]++'", "_counts", "AddOrUpdate"));

    [Fact]
    public Task Entry_read_through_a_call_or_a_local_then_set()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class RouteStats
            {
                private readonly ConcurrentDictionary<string, int> _hits = new();

                public void Analyze(IEnumerable<string> routes)
                    => Parallel.ForEach(routes, route =>
                    {
                        _hits.TryGetValue(route, out int current);
                        {|#0:_hits[route] = current + 1|};
                    });

                public void More(string route, string other)
                {
                    [|_hits[route] = _hits.GetValueOrDefault(route) + 1|];
                    var seen = _hits.GetValueOrDefault(route);
                    [|_hits[route] = seen * 2|];
                    int known;
                    _hits.TryGetValue(route, out known);
                    [|_hits[route] = known + 1|];

                    _hits[other] = _hits.GetValueOrDefault(route) + 1;
                    var fresh = _hits.GetValueOrDefault(route);
                    fresh = 0;
                    _hits[route] = fresh + 1;
                    if (_hits.TryGetValue(other, out var counted))
                    {
                        return;
                    }

                    _hits[route] = counted;
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("'_hits[route] = current + 1'", "_hits", "AddOrUpdate"));

    [Fact]
    public Task Check_then_add_and_TryGetValue_then_set()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;

            class Cache
            {
                private readonly ConcurrentDictionary<string, object> _items = new();

                public object Get(string key)
                {
                    [|if|] (!_items.ContainsKey(key))
                    {
                        _items[key] = new object();
                    }

                    {|#0:if|} (!_items.TryGetValue(key, out var value))
                    {
                        value = new object();
                        _items[key] = value;
                    }

                    if (!_items.ContainsKey(key)) _items.TryAdd(key, value);
                    if (!_items.ContainsKey("other")) _items[key] = value;
                    return value;
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("'TryGetValue' then set", "_items", "GetOrAdd or AddOrUpdate"));

    /// <summary>
    /// log4net resolves a user name once per security identifier into a concurrent dictionary of strings: two threads
    /// that both miss store equal, immutable strings, which loses nothing (as FL1001 leaves an idempotent publication
    /// alone). The same fill with a mutable object, or with a value made from the entry it replaces, is still reported.
    /// </summary>
    [Fact]
    public Task Cache_filled_with_an_immutable_value_is_an_idempotent_publication()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Text;

            sealed record Label(string Text);

            class Names
            {
                private readonly ConcurrentDictionary<int, string> _names = new();
                private readonly ConcurrentDictionary<int, Label> _labels = new();
                private readonly ConcurrentDictionary<int, StringBuilder> _builders = new();

                public string Name(int id)
                {
                    if (_names.TryGetValue(id, out var cached))
                    {
                        return cached;
                    }

                    var name = "user" + id;
                    _names[id] = name;
                    return name;
                }

                public Label Label(int id)
                {
                    if (!_labels.TryGetValue(id, out var label))
                    {
                        label = new Label("#" + id);
                        _labels[id] = label;
                    }

                    return label;
                }

                public StringBuilder Builder(int id)
                {
                    {|#0:if|} (!_builders.TryGetValue(id, out var builder))
                    {
                        builder = new StringBuilder();
                        _builders[id] = builder;
                    }

                    return builder;
                }

                public void Append(int id)
                {
                    {|#1:if|} (_names.TryGetValue(id, out var old))
                    {
                        _names[id] = old + "!";
                    }
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("'TryGetValue' then set", "_builders", "GetOrAdd or AddOrUpdate"),
            Verify.Diagnostic().WithLocation(1).WithArguments("'TryGetValue' then set", "_names", "GetOrAdd or AddOrUpdate"));

    /// <summary>
    /// MessagePipe's filter cache: a type with no filter attributes is cached as <c>Array.Empty&lt;T&gt;()</c> after a
    /// miss. Every thread that misses stores the very same array, so nothing is lost; a new array per miss would give
    /// two callers two objects for one key, and is still reported.
    /// </summary>
    [Fact]
    public Task Cache_filled_with_the_one_shared_empty_array_loses_nothing()
        => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Concurrent;

            class Filters
            {
                private static readonly string[] None = new string[0];
                private readonly ConcurrentDictionary<Type, string[]> _cache = new();

                public string[] For(Type handler)
                {
                    if (_cache.TryGetValue(handler, out var found))
                    {
                        return found;
                    }

                    if (handler.IsAbstract)
                    {
                        _cache[handler] = None;
                        return None;
                    }

                    _cache[handler] = Array.Empty<string>();
                    return Array.Empty<string>();
                }

                public string[] Fresh(Type handler)
                {
                    {|#0:if|} (_cache.TryGetValue(handler, out var found))
                    {
                        return found;
                    }

                    _cache[handler] = new string[0];
                    return _cache[handler];
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("'TryGetValue' then set", "_cache", "GetOrAdd or AddOrUpdate"));

    [Fact]
    public Task Every_receiver_shape_the_binding_precheck_resolves_is_still_seen()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Collections.Generic;

            class Base
            {
                protected ConcurrentDictionary<string, int> Inherited { get; } = new();
            }

            class Counter : Base
            {
                private readonly Dictionary<string, int> _plain = new();
                private readonly int[] _array = new int[4];
                private static readonly ConcurrentDictionary<string, int> Shared = new();

                public void Hit(string key, ConcurrentDictionary<string, int> parameter)
                {
                    [|this.Inherited[key]++|];
                    [|Inherited[key] += 2|];
                    [|Shared[key]--|];
                    [|(parameter)[key]++|];
                    var local = new ConcurrentDictionary<string, int>();
                    [|local![key]++|];
                    [|if|] ((Shared.ContainsKey(key)) == false) Shared[key] = 1;
                    _plain[key]++;
                    _array[0]++;
                }

                public void Shadowed(string key)
                {
                    // A local named like the plain-dictionary field: only binding can tell which one is meant.
                    var _plain = new ConcurrentDictionary<string, int>();
                    [|_plain[key]++|];
                    int Local(ConcurrentDictionary<string, int> _array) => [|_array[key]++|];
                    Local(_plain);
                }
            }

            class Holder
            {
                public ConcurrentDictionary<string, int> Map = new();
                public int Value => [|new Holder().Map["k"]++|];
                public ConcurrentDictionary<string, int> Items { set { [|value["k"]++|]; } }
            }
            """);

    [Fact]
    public Task Members_of_other_objects_are_judged_by_their_owners_declared_type()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;

            class Slice
            {
                public byte[] Array = new byte[8];
                public int[] Counts { get; } = new int[8];
            }

            class BaseHolder
            {
                public ConcurrentDictionary<string, int> Inherited { get; } = new();
            }

            class Holder : BaseHolder
            {
                public ConcurrentDictionary<string, int> Map = new();
            }

            class Writer
            {
                private readonly Holder _holder = new();
                private readonly Slice _slice = new();

                public void Write(Slice slice, Holder holder, string key, int i)
                {
                    slice.Array[i]++;
                    slice.Counts[i] += 2;
                    _slice.Array[i] = 1;
                    this._slice.Counts[i]--;
                    [|holder.Map[key]++|];
                    [|holder.Inherited[key] += 2|];
                    [|_holder.Map[key]--|];
                    [|this._holder.Inherited[key]++|];
                    Holder local = holder;
                    [|local.Map[key]++|];
                    var made = new Holder();
                    [|made.Map[key]++|];
                    [|(holder).Map[key]++|];
                }

                public void Shadowed(string key)
                {
                    // A local named like the field, declared twice: only binding tells which one is meant.
                    { var _slice = new Holder(); [|_slice.Map[key]++|]; }
                    { var _slice = new Holder(); [|_slice.Map[key]++|]; }
                }
            }
            """);

    [Fact]
    public Task Locals_and_parameters_are_judged_by_their_declared_type()
        => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Concurrent;
            using Map = System.Collections.Concurrent.ConcurrentDictionary<string, int>;

            class Counter
            {
                private readonly ConcurrentDictionary<string, int> counts = new();

                public void Hit(string key, int[] buffer, Map aliased)
                {
                    buffer[0]++;
                    [|aliased[key]++|];
                    Map alias = new Map();
                    [|alias[key] += 1|];
                    var created = new ConcurrentDictionary<string, int>();
                    [|created[key]--|];
                    foreach (ConcurrentDictionary<string, int> each in new[] { created })
                    {
                        [|each[key]++|];
                    }

                    [|counts[key]++|];
                    {
                        // Shadows the field from here on: an array, so nothing to report.
                        var counts = new int[1];
                        counts[0]++;
                    }

                    Action<int[]> bump = counts => counts[0]++;
                    Func<ConcurrentDictionary<string, int>, int> viaLambda = counts => [|counts[key]++|];
                    if (created is ConcurrentDictionary<string, int> matched && [|matched[key]++|] > 0)
                    {
                    }
                }
            }
            """);

    [Fact]
    public Task Atomic_members_and_plain_dictionaries_are_silent()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Collections.Generic;

            class C
            {
                private readonly ConcurrentDictionary<string, int> _counts = new();
                private readonly Dictionary<string, int> _plain = new();

                public void Hit(string key)
                {
                    _counts.AddOrUpdate(key, 1, (_, v) => v + 1);
                    _counts.GetOrAdd(key, 0);
                    _counts.TryAdd(key, 1);
                    lock (_counts) { _counts[key]++; }
                    _plain[key]++;
                    if (!_plain.ContainsKey(key)) _plain[key] = 1;
                }
            }
            """);

    [Fact]
    public Task TryGetValue_with_early_return_then_set_or_ignored_TryAdd()
        => Verify.VerifyAnalyzerAsync(
            """
            using System.Collections.Concurrent;

            class Registry
            {
                private readonly ConcurrentDictionary<string, object> _sessions = new();

                public object Attach(string id)
                {
                    {|#0:if|} (_sessions.TryGetValue(id, out var existing)) return existing;
                    var created = new object();
                    _sessions[id] = created;
                    return created;
                }

                public object AttachOnce(string id)
                {
                    {|#1:if|} (!_sessions.TryGetValue(id, out var session))
                    {
                        session = new object();
                        _sessions.TryAdd(id, session);
                    }

                    return session;
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("'TryGetValue' then set", "_sessions", "GetOrAdd or AddOrUpdate"),
            Verify.Diagnostic().WithLocation(1).WithArguments("'TryGetValue' then TryAdd with its result ignored", "_sessions", "GetOrAdd or AddOrUpdate"));

    [Fact]
    public Task TryAdd_whose_result_picks_the_winner_and_double_checked_lock_are_silent()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;

            class Registry
            {
                private readonly object _sync = new object();
                private readonly ConcurrentDictionary<string, object> _sessions = new();

                public object Winner(string id)
                {
                    if (_sessions.TryGetValue(id, out var existing)) return existing;
                    var created = new object();
                    return _sessions.TryAdd(id, created) ? created : _sessions[id];
                }

                public object Locked(string id)
                {
                    if (_sessions.TryGetValue(id, out var existing)) return existing;
                    lock (_sync)
                    {
                        if (_sessions.TryGetValue(id, out existing)) return existing;
                        existing = new object();
                        _sessions[id] = existing;
                        return existing;
                    }
                }

                public void Ensure(string id)
                {
                    if (_sessions.TryGetValue(id, out _)) return;
                    _sessions.TryAdd(id, new object());
                }
            }
            """);

    /// <summary>
    /// Real code (Quartz's RAMJobStore): the dictionary is concurrent for lock-free readers, and every writer holds a
    /// SemaphoreSlim(1, 1) region, here through a private "…NoLock" helper whose every call is in such a region.
    /// A helper that one public member calls without the lock is still reported.
    /// </summary>
    [Fact]
    public Task A_private_helper_every_call_of_which_holds_a_lock_is_not_reported()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;

            class Store
            {
                private readonly SemaphoreSlim _gate = new(1, 1);
                private readonly object _sync = new();
                private readonly ConcurrentDictionary<string, int> _jobs = new();

                public async Task AddAsync(string key, int job)
                {
                    await _gate.WaitAsync().ConfigureAwait(false);
                    try
                    {
                        AddNoLock(key, job);
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }

                public void AddAll(string[] keys)
                {
                    Monitor.Enter(_sync);
                    try
                    {
                        foreach (var key in keys)
                        {
                            ReplaceNoLock(key, 0);
                        }
                    }
                    finally
                    {
                        Monitor.Exit(_sync);
                    }
                }

                private void ReplaceNoLock(string key, int job) => AddNoLock(key, job);

                private void AddNoLock(string key, int job)
                {
                    if (_jobs.TryGetValue(key, out var old))
                    {
                        _jobs[key] = old + job;
                    }
                    else
                    {
                        _jobs[key] = job;
                    }
                }

                public void Touch(string key)
                {
                    _gate.Wait();
                    try
                    {
                        _jobs[key]++;
                    }
                    finally
                    {
                        _gate.Release();
                    }

                    CountNoLock(key);
                }

                private void CountNoLock(string key) => [|_jobs[key]++|];

                public int Read(string key) => _jobs.TryGetValue(key, out var job) ? job : 0;
            }
            """);

    [Fact]
    public Task A_private_helper_handed_out_as_a_delegate_is_reported()
        => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Concurrent;

            class Store
            {
                private readonly object _sync = new();
                private readonly ConcurrentDictionary<string, int> _hits = new();

                public void Hit(string key)
                {
                    lock (_sync)
                    {
                        HitNoLock(key);
                    }
                }

                public Action<string> Handler => HitNoLock;

                private void HitNoLock(string key) => [|_hits[key]++|];
            }
            """);
}
