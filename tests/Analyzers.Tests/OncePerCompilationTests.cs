using Microsoft.CodeAnalysis.CSharp;

namespace Forklift.Analyzers.Tests;

/// <summary>
/// The compilation-wide scans (singleton registrations, hosted service bases, parallel helpers) run once per
/// compilation however many files' callbacks ask for them at the same time.
/// </summary>
public class OncePerCompilationTests
{
    [Fact]
    public async Task Callers_that_ask_at_the_same_time_share_one_computation()
    {
        var computations = 0;
        using var computing = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var once = new OncePerCompilation<string>((_, _) =>
        {
            Interlocked.Increment(ref computations);
            computing.Set();
            release.Wait();
            return "scanned";
        });
        var compilation = CSharpCompilation.Create("App");

        // The first caller is inside the computation before the others start; they ask while it runs.
        var first = Task.Run(() => once.Get(compilation, CancellationToken.None));
        computing.Wait();
        var others = Enumerable.Range(0, 8).Select(_ => Task.Run(() => once.Get(compilation, CancellationToken.None))).ToArray();
        release.Set();

        Assert.Equal("scanned", await first);
        Assert.All(await Task.WhenAll(others), other => Assert.Equal("scanned", other));
        Assert.Equal(1, computations);
        Assert.Equal("scanned", once.Get(compilation, CancellationToken.None));
        Assert.Equal(1, computations);
    }

    [Fact]
    public void A_cancelled_computation_stores_nothing_and_the_next_caller_computes_again()
    {
        var computations = 0;
        var once = new OncePerCompilation<string>((_, cancellationToken) =>
        {
            Interlocked.Increment(ref computations);
            cancellationToken.ThrowIfCancellationRequested();
            return "scanned";
        });
        var compilation = CSharpCompilation.Create("App");

        Assert.Throws<OperationCanceledException>(() => once.Get(compilation, new CancellationToken(canceled: true)));
        Assert.Equal("scanned", once.Get(compilation, CancellationToken.None));
        Assert.Equal(2, computations);
    }

    [Fact]
    public void Each_compilation_has_its_own_value()
    {
        var once = new OncePerCompilation<string>((compilation, _) => compilation.AssemblyName!);

        Assert.Equal("First", once.Get(CSharpCompilation.Create("First"), CancellationToken.None));
        Assert.Equal("Second", once.Get(CSharpCompilation.Create("Second"), CancellationToken.None));
    }
}
