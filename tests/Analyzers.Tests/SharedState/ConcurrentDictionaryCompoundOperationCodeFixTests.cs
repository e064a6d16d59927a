using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<Forklift.Analyzers.SharedState.ConcurrentDictionaryCompoundOperationAnalyzer, Forklift.CodeFixes.SharedState.ConcurrentDictionaryCompoundOperationCodeFix>;

namespace Forklift.Analyzers.Tests.SharedState;

public class ConcurrentDictionaryCompoundOperationCodeFixTests
{
    [Fact]
    public Task Increments_and_compound_assignments_become_AddOrUpdate()
        => Verify.VerifyCodeFixAsync(
            """
            using System.Collections.Concurrent;

            class Counter
            {
                private readonly ConcurrentDictionary<string, int> _counts = new();

                public void Hit(string key, int n)
                {
                    [|_counts[key]++|];
                    [|--_counts[key]|];
                    [|_counts[key] += n|];
                    [|_counts[key] -= 2|];
                }
            }
            """,
            """
            using System.Collections.Concurrent;

            class Counter
            {
                private readonly ConcurrentDictionary<string, int> _counts = new();

                public void Hit(string key, int n)
                {
                    _counts.AddOrUpdate(key, 1, (_, value) => value + 1);
                    _counts.AddOrUpdate(key, -1, (_, value) => value - 1);
                    _counts.AddOrUpdate(key, n, (_, value) => value + n);
                    _counts.AddOrUpdate(key, -2, (_, value) => value - 2);
                }
            }
            """);

    [Fact]
    public Task Check_then_add_becomes_TryAdd_and_TryGetValue_then_set_becomes_GetOrAdd()
        => Verify.VerifyCodeFixAsync(
            """
            using System.Collections.Concurrent;

            class Cache
            {
                private readonly ConcurrentDictionary<string, object> _items = new();

                public object Get(string key, object fallback)
                {
                    [|if|] (!_items.ContainsKey(key))
                        _items[key] = fallback;

                    [|if|] (!_items.TryGetValue(key, out var value))
                    {
                        value = new object();
                        _items[key] = value;
                    }

                    return value;
                }
            }
            """,
            """
            using System.Collections.Concurrent;

            class Cache
            {
                private readonly ConcurrentDictionary<string, object> _items = new();

                public object Get(string key, object fallback)
                {
                    _items.TryAdd(key, fallback);

                    var value = _items.GetOrAdd(key, _ => new object());

                    return value;
                }
            }
            """);

    [Fact]
    public Task Update_with_a_call_in_the_operand_is_reported_without_a_fix()
        => Verify.VerifyCodeFixAsync(
            """
            using System.Collections.Concurrent;

            class Counter
            {
                private readonly ConcurrentDictionary<string, int> _counts = new();
                private int Next() => 1;
                public void Hit(string key) { [|_counts[key] += Next()|]; }
            }
            """,
            """
            using System.Collections.Concurrent;

            class Counter
            {
                private readonly ConcurrentDictionary<string, int> _counts = new();
                private int Next() => 1;
                public void Hit(string key) { [|_counts[key] += Next()|]; }
            }
            """);

    [Fact]
    public Task TryGetValue_with_early_return_then_set_becomes_GetOrAdd()
        => Verify.VerifyCodeFixAsync(
            """
            using System.Collections.Concurrent;

            class Registry
            {
                private readonly ConcurrentDictionary<string, object> _sessions = new();

                public object Attach(string id)
                {
                    [|if|] (_sessions.TryGetValue(id, out var existing)) return existing;
                    var created = new object();
                    _sessions[id] = created;
                    return created;
                }

                public object AttachOnce(string id)
                {
                    [|if|] (!_sessions.TryGetValue(id, out var session))
                    {
                        session = new object();
                        _sessions.TryAdd(id, session);
                    }

                    return session;
                }
            }
            """,
            """
            using System.Collections.Concurrent;

            class Registry
            {
                private readonly ConcurrentDictionary<string, object> _sessions = new();

                public object Attach(string id)
                {
                    return _sessions.GetOrAdd(id, _ => new object());
                }

                public object AttachOnce(string id)
                {
                    var session = _sessions.GetOrAdd(id, _ => new object());

                    return session;
                }
            }
            """);

    [Fact]
    public Task Early_return_with_more_work_before_the_set_is_reported_without_a_fix()
        => Verify.VerifyCodeFixAsync(
            """
            using System.Collections.Concurrent;

            class Registry
            {
                private readonly ConcurrentDictionary<string, object> _sessions = new();
                public int Created;

                public object Attach(string id)
                {
                    [|if|] (_sessions.TryGetValue(id, out var existing)) return existing;
                    var created = new object();
                    Created++;
                    _sessions[id] = created;
                    return created;
                }
            }
            """,
            """
            using System.Collections.Concurrent;

            class Registry
            {
                private readonly ConcurrentDictionary<string, object> _sessions = new();
                public int Created;

                public object Attach(string id)
                {
                    [|if|] (_sessions.TryGetValue(id, out var existing)) return existing;
                    var created = new object();
                    Created++;
                    _sessions[id] = created;
                    return created;
                }
            }
            """);
}
