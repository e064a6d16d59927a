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
}
