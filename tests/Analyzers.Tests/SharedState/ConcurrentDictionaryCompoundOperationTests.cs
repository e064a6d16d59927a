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
}
