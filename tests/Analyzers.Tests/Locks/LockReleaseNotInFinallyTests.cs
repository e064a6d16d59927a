using Forklift.Analyzers.Locks;
using Forklift.Analyzers.Tests.Verifiers;
using Forklift.CodeFixes.Locks;
using Microsoft.CodeAnalysis.Testing;
using static Forklift.Analyzers.Tests.Locks.LockKinds;
using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Forklift.Analyzers.Locks.LockReleaseNotInFinallyAnalyzer,
    Forklift.CodeFixes.Locks.LockReleaseNotInFinallyCodeFix>;

namespace Forklift.Analyzers.Tests.Locks;

/// <summary>FL2001 for every acquisition kind: each shape the rule reports or accepts, for every lock type.</summary>
/// <remarks>Further silent and reported shapes are in the .Shapes part of this class, the code fixes in the .Fixes part.</remarks>
public partial class LockReleaseNotInFinallyTests
{
    private const string NoFinallyMessage = "no try/finally releases it, so an exception before the release leaves it held";
    private const string EarlyExitMessage = "an early exit between the acquire and the release skips the release";

    private static Task VerifyAsync(string source, bool net9 = false, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source, ReferenceAssemblies = net9 ? TestReferences.Net90 : TestReferences.Net80 };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static Task VerifyFixAsync(string source, string fixedSource, bool net9 = false, string? equivalenceKey = null)
        => new Verify.Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = net9 ? TestReferences.Net90 : TestReferences.Net80,
            CodeActionEquivalenceKey = equivalenceKey ?? LockReleaseNotInFinallyCodeFix.RecommendedKey,
        }.RunAsync();

    [Theory]
    [MemberData(nameof(Unconditional), MemberType = typeof(LockKinds))]
    public Task NoTryFinally_IsReportedAndWrappedInTryFinally(string field, string acquire, string release, bool net9)
        => VerifyFixAsync(
            Class(field, $$"""
                void M()
                {
                    [|{{acquire}}|];
                    Work();
                    {{release}};
                }
            """),
            Class(field, $$"""
                void M()
                {
                    {{acquire}};
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        {{release}};
                    }
                }
            """),
            net9);

    [Theory]
    [MemberData(nameof(Unconditional), MemberType = typeof(LockKinds))]
    public Task AcquireThenTryFinally_IsSilent(string field, string acquire, string release, bool net9)
        => VerifyAsync(
            Class(field, $$"""
                void M()
                {
                    {{acquire}};
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        {{release}};
                    }
                }
            """),
            net9);

    [Theory]
    [MemberData(nameof(Unconditional), MemberType = typeof(LockKinds))]
    public Task StatementBetweenAcquireAndTry_IsReported(string field, string acquire, string release, bool net9)
        => VerifyAsync(
            Class(field, $$"""
                void M()
                {
                    {|#0:{{acquire}}|};
                    Work();
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        {{release}};
                    }
                }
            """),
            net9,
            Verify.Diagnostic().WithLocation(0).WithArguments("_gate", "a statement between the acquire and the try block can throw before the finally is in place"));

    [Fact]
    public Task StatementBetweenAcquireAndTry_IsMovedIntoTry()
        => VerifyFixAsync(
            Class("private readonly ReaderWriterLockSlim _gate = new();", """
                void M()
                {
                    [|_gate.EnterWriteLock()|];
                    Work();
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        _gate.ExitWriteLock();
                    }
                }
            """),
            Class("private readonly ReaderWriterLockSlim _gate = new();", """
                void M()
                {
                    _gate.EnterWriteLock();
                    try
                    {
                        Work();
                        Work();
                    }
                    finally
                    {
                        _gate.ExitWriteLock();
                    }
                }
            """),
            equivalenceKey: LockReleaseNotInFinallyCodeFix.RecommendedKey);

    [Theory]
    [MemberData(nameof(Unconditional), MemberType = typeof(LockKinds))]
    public Task EarlyExitSkippingTheRelease_IsReported(string field, string acquire, string release, bool net9)
        => VerifyAsync(
            Class(field, $$"""
                void Return(bool done)
                {
                    {|#0:{{acquire}}|};
                    if (done)
                    {
                        return;
                    }

                    Work();
                    {{release}};
                }

                void Throw(bool bad)
                {
                    {|#1:{{acquire}}|};
                    if (bad) throw new InvalidOperationException();
                    {{release}};
                }

                void Continue(int[] items)
                {
                    foreach (var item in items)
                    {
                        {|#2:{{acquire}}|};
                        if (item < 0) continue;
                        {{release}};
                    }
                }
            """),
            net9,
            Verify.Diagnostic().WithLocation(0).WithArguments("_gate", EarlyExitMessage),
            Verify.Diagnostic().WithLocation(1).WithArguments("_gate", EarlyExitMessage),
            Verify.Diagnostic().WithLocation(2).WithArguments("_gate", EarlyExitMessage));

    /// <summary>
    /// Exceptionless's log trimming: 'if (!_mutex.WaitOne(timeout)) return;' leaves only when nothing was acquired, so
    /// it is no early exit; the work before the plain release can still throw, and that is what is reported.
    /// </summary>
    [Fact]
    public Task ReturnWhenTheTimedAcquireFailed_IsNoEarlyExit()
        => VerifyAsync(Class("private readonly Mutex _mutex = new(); private string _last = \"\";", """
                void Trim()
                {
                    if (!{|#0:_mutex.WaitOne(TimeSpan.FromSeconds(5))|})
                        return;

                    _last = System.IO.File.ReadAllText("log");
                    _mutex.ReleaseMutex();
                }

                void Leaves(bool stop)
                {
                    if (!{|#1:_mutex.WaitOne(TimeSpan.FromSeconds(5))|})
                        return;

                    if (stop) return;
                    _mutex.ReleaseMutex();
                }
            """),
            false,
            Verify.Diagnostic().WithLocation(0).WithArguments("_mutex", NoFinallyMessage),
            Verify.Diagnostic().WithLocation(1).WithArguments("_mutex", EarlyExitMessage));

    [Fact]
    public Task EarlyReturnSkippingTheRelease_IsWrappedInTryFinally()
        => VerifyFixAsync(
            Class("private readonly Mutex _gate = new();", """
                void M(bool done)
                {
                    [|_gate.WaitOne()|];
                    if (done)
                    {
                        return;
                    }

                    Work();
                    _gate.ReleaseMutex();
                }
            """),
            Class("private readonly Mutex _gate = new();", """
                void M(bool done)
                {
                    _gate.WaitOne();
                    try
                    {
                        if (done)
                        {
                            return;
                        }

                        Work();
                    }
                    finally
                    {
                        _gate.ReleaseMutex();
                    }
                }
            """));

    [Theory]
    [MemberData(nameof(Unconditional), MemberType = typeof(LockKinds))]
    public Task ReleaseOnlyOnTheNormalPath_IsReported(string field, string acquire, string release, bool net9)
        => VerifyAsync(
            Class(field, $$"""
                void M()
                {
                    try
                    {
                        {|#0:{{acquire}}|};
                        Work();
                        {{release}};
                    }
                    catch (InvalidOperationException)
                    {
                    }
                }
            """),
            net9,
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "_gate",
                "it is released only on the normal path, not in a finally block"));

    [Theory]
    [MemberData(nameof(Conditional), MemberType = typeof(LockKinds))]
    public Task IgnoredTryResult_IsLeftToFL2003(string field, string acquire, string release, bool net9)
        => VerifyAsync(
            Class(field, $$"""
                void Released()
                {
                    {{acquire}};
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        {{release}};
                    }
                }

                void HandedOff()
                {
                    {{acquire}};
                }
            """),
            net9);

    [Theory]
    [MemberData(nameof(Conditional), MemberType = typeof(LockKinds))]
    public Task CheckedTryResult_IsSilent(string field, string acquire, string release, bool net9)
        => VerifyAsync(
            Class(field, $$"""
                void Positive()
                {
                    if ({{acquire}})
                    {
                        try
                        {
                            Work();
                        }
                        finally
                        {
                            {{release}};
                        }
                    }
                }

                void Negative()
                {
                    if (!{{acquire}})
                    {
                        return;
                    }

                    try
                    {
                        Work();
                    }
                    finally
                    {
                        {{release}};
                    }
                }

                void Stored()
                {
                    bool taken = {{acquire}};
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        if (taken)
                        {
                            {{release}};
                        }
                    }
                }
            """),
            net9);

    [Theory]
    [MemberData(nameof(Conditional), MemberType = typeof(LockKinds))]
    public Task CheckedTryResultWithoutFinally_IsReported(string field, string acquire, string release, bool net9)
        => VerifyAsync(
            Class(field, $$"""
                void M()
                {
                    if ([|{{acquire}}|])
                    {
                        Work();
                        {{release}};
                    }
                }
            """),
            net9);
}
