using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// One race found by two models (the walk from a thread start, and the type's own concurrency) is reported once, as
/// FL1003, whose message names the guard; FL1001/FL1002 stay for races the lock does not cover.
/// </summary>
public class OneReportPerAccessTests
{
    private const string Metrics = """
        using System;
        using System.Threading.Tasks;

        class {|#2:Metrics|}
        {
            private readonly object _sync = new();
            private int _errors;
            private int _seen;

            public void RecordTimeout() { lock (_sync) { _errors++; } }

            public void Report() { lock (_sync) { Console.WriteLine(_errors); } }

            public void Ingest(int[] codes)
            {
                {|#3:Parallel.ForEach(codes, c =>
                {
                    if (c >= 500) {|#0:_errors++|};
                    {|#1:_seen++|};
                })|};
            }
        }
        """;

    [Fact]
    public Task The_unlocked_increment_of_a_guarded_field_is_FL1003()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(
            Metrics,
            CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(2).WithArguments(
                "_errors", "written", "_sync", "in 'RecordTimeout' (2 of 3 accesses)", "'Ingest' may run on several threads at once: 'Metrics' synchronizes its own state ('RecordTimeout' locks '_sync')"));

    [Fact]
    public Task Only_the_field_no_lock_covers_is_FL1001()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Metrics,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(1).WithLocation(3).WithArguments(
                "_seen", "Ingest", "'Ingest' runs on several threads (started at line 16)"));

    // The same type declared in two files: the type's analysis runs once for both (a symbol action), apart from the
    // thread start's walk in the first file, and the walk's FL1001 on the guarded field still gives way to FL1003.
    private const string PartialMetricsIngest = """
        using System.Threading.Tasks;

        partial class {|#2:Metrics|}
        {
            private int _seen;

            public void Ingest(int[] codes)
            {
                {|#3:Parallel.ForEach(codes, c =>
                {
                    if (c >= 500) {|#0:_errors++|};
                    {|#1:_seen++|};
                })|};
            }
        }
        """;

    private const string PartialMetricsCounts = """
        using System;

        partial class Metrics
        {
            private readonly object _sync = new();
            private int _errors;

            public void RecordTimeout() { lock (_sync) { _errors++; } }

            public void Report() { lock (_sync) { Console.WriteLine(_errors); } }
        }
        """;

    [Fact]
    public Task In_a_partial_type_the_unlocked_increment_of_a_guarded_field_is_FL1003_once()
        => new CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Test
        {
            TestState =
            {
                Sources = { PartialMetricsIngest, PartialMetricsCounts },
                ExpectedDiagnostics =
                {
                    CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(2).WithArguments(
                        "_errors", "written", "_sync", "in 'RecordTimeout' (2 of 3 accesses)", "'Ingest' may run on several threads at once: 'Metrics' synchronizes its own state ('RecordTimeout' locks '_sync')"),
                },
            },
        }.RunAsync();

    [Fact]
    public Task In_a_partial_type_only_the_field_no_lock_covers_is_FL1001()
        => new CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Test
        {
            TestState =
            {
                Sources = { PartialMetricsIngest, PartialMetricsCounts },
                ExpectedDiagnostics =
                {
                    CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(1).WithLocation(3).WithArguments(
                        "_seen", "Ingest", "'Ingest' runs on several threads (started at line 9)"),
                },
            },
        }.RunAsync();
    // A thread start in one file whose walk reaches a type declared in another that synchronizes its own state: the
    // walk and the type's own concurrency find the same unlocked access. The build reports it once, from the file it
    // is in, with the message that file's own analysis gives (FreeRedis' ObjectPool, WatsonTcp's statistics).
    private const string Stats = """
        class {|#1:Stats|}
        {
            private readonly object _sync = new();
            private int _count;

            public void Add() { lock (_sync) { _count++; } }

            public void Bump() { {|#0:_count++|}; }
        }
        """;

    private const string StatsWorker = """
        using System.Threading;

        class Worker
        {
            private readonly Stats _stats = new();

            public void Start()
            {
                new Thread(() => _stats.Bump()).Start();
                _stats.Add();
            }
        }
        """;

    [Fact]
    public Task An_access_that_its_own_file_and_another_files_thread_start_both_find_is_reported_once()
        => new CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Test
        {
            TestState =
            {
                Sources = { Stats, StatsWorker },
                ExpectedDiagnostics =
                {
                    CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                        "_count", "written", "_sync", "in 'Add' (1 of 2 accesses)", "'Bump' may run on several threads at once: 'Stats' synchronizes its own state ('Add' locks '_sync')"),
                },
            },
        }.RunAsync();
}
