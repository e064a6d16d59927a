using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Analyzers.Locks;

/// <summary>FL2005: a lock that belongs to the thread that took it is still held at an <c>await</c>.</summary>
/// <remarks>
/// <c>Monitor</c>, <c>System.Threading.Lock</c>, <c>SpinLock</c>, <c>ReaderWriterLockSlim</c> and <c>Mutex</c> record
/// the thread that holds them. The code after an <c>await</c> may resume on another thread: the release there throws
/// (<c>SynchronizationLockException</c>, or <c>ApplicationException</c> for a mutex), the lock stays held by a thread
/// that no longer runs this code, and every thread that needs it blocks meanwhile. The compiler rejects <c>await</c>
/// inside a <c>lock</c> statement, but not between <c>Monitor.Enter</c> and <c>Monitor.Exit</c>. The fix is a
/// different lock (<c>SemaphoreSlim</c> with <c>await WaitAsync()</c>), so no code fix is offered: the message says
/// what to use. Reported once per acquisition, at the first <c>await</c> it is held across.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ThreadAffineLockAcrossAwaitAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.ThreadAffineLockAcrossAwait,
        title: "Do not hold a thread-bound lock across await",
        messageFormat: "'{0}' is held across this await: the method may resume on another thread, where releasing it throws {1}, and every thread that needs it blocks meanwhile; use a SemaphoreSlim with await WaitAsync() instead",
        DiagnosticCategories.Locking,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Monitor, System.Threading.Lock, SpinLock, ReaderWriterLockSlim and Mutex must be released by the thread that took them. After an await the method may run on another thread. Use SemaphoreSlim (await WaitAsync() before the try, Release() in the finally) for a lock held across await.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.ThreadAffineLockAcrossAwait));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (ReferenceOnlyCompile.SkipsBodies(start.Options))
            {
                return; // no code is emitted, so no body can race (see ReferenceOnlyCompile)
            }

            LockSummaries.Register(start, ReportFile);
        });
    }

    private static void ReportFile(ImmutableArray<LockSummary> file, SemanticModelAnalysisContext modelContext)
    {
        foreach (var summary in file)
        {
            foreach (var (acquisition, _) in summary.Acquisitions)
            {
                if (!acquisition.IsCall || !acquisition.IsThreadAffine)
                {
                    continue;
                }

                // Awaits are in source order: the first one that this acquisition is held across.
                foreach (var (await, held) in summary.Awaits)
                {
                    if (held.Contains(acquisition))
                    {
                        var exception = acquisition.Mode == LockMode.Mutex ? "ApplicationException" : "SynchronizationLockException";
                        modelContext.ReportDiagnostic(Diagnostic.Create(Rule, await, [acquisition.Location], acquisition.Name, exception));
                        break;
                    }
                }
            }
        }
    }
}
