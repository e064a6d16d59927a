using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<Forklift.Analyzers.SharedState.InconsistentSynchronizationAnalyzer, Forklift.CodeFixes.SharedState.InconsistentSynchronizationCodeFix>;

namespace Forklift.Analyzers.Tests.SharedState;

public class InconsistentSynchronizationCodeFixTests
{
    [Fact]
    public Task Unlocked_write_takes_the_guarding_lock()
        => Verify.VerifyCodeFixAsync(
            """
            using System.Threading.Tasks;

            class Counter
            {
                private readonly object gate = new object();
                private int count;
                public void Run() => Parallel.For(0, 10, i =>
                {
                    lock (gate) { count++; }
                    [|count = 0|];
                });
            }
            """,
            """
            using System.Threading.Tasks;

            class Counter
            {
                private readonly object gate = new object();
                private int count;
                public void Run() => Parallel.For(0, 10, i =>
                {
                    lock (gate) { count++; }
                    lock (gate)
                    {
                        count = 0;
                    }
                });
            }
            """);
    [Fact]
    public Task Value_of_the_locked_dictionary_changed_after_the_lock_takes_the_lock_again()
        => Verify.VerifyCodeFixAsync(
            """
            using System.Collections.Generic;

            public sealed class Registry
            {
                private readonly object _sync = new object();
                private readonly Dictionary<string, HashSet<string>> _byUser = new Dictionary<string, HashSet<string>>();

                public void Add(string user, string connection)
                {
                    lock (_sync)
                    {
                        if (!_byUser.TryGetValue(user, out var connections))
                        {
                            connections = new HashSet<string>();
                            _byUser[user] = connections;
                        }

                        connections.Add(connection);
                    }
                }

                public void Remove(string user, string connection)
                {
                    HashSet<string>? connections;
                    lock (_sync)
                    {
                        _byUser.TryGetValue(user, out connections);
                    }

                    if (connections == null)
                    {
                        return;
                    }

                    {|#0:connections.Remove(connection)|};
                }
            }
            """,
            [Verify.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 3, 21).WithArguments("_byUser[…]", "modified", "_sync", "in 'Add' (1 of 2 accesses)",
                "'Remove' may run on several threads at once: 'Registry' synchronizes its own state ('Add' locks '_sync')")],
            """
            using System.Collections.Generic;

            public sealed class Registry
            {
                private readonly object _sync = new object();
                private readonly Dictionary<string, HashSet<string>> _byUser = new Dictionary<string, HashSet<string>>();

                public void Add(string user, string connection)
                {
                    lock (_sync)
                    {
                        if (!_byUser.TryGetValue(user, out var connections))
                        {
                            connections = new HashSet<string>();
                            _byUser[user] = connections;
                        }

                        connections.Add(connection);
                    }
                }

                public void Remove(string user, string connection)
                {
                    HashSet<string>? connections;
                    lock (_sync)
                    {
                        _byUser.TryGetValue(user, out connections);
                    }

                    if (connections == null)
                    {
                        return;
                    }

                    lock (_sync)
                    {
                        connections.Remove(connection);
                    }
                }
            }
            """);
}
