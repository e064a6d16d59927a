using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// The members of an object a type hands out through a public property, written under the type's private lock while
/// another type reads them (set ah R10: a depot poller updates its status object under its own gate; the reporter
/// locks the status object instead).
/// </summary>
public class HandedOutObjectWritesTests
{
    private const string Poller = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class DepotStatus
        {
            public int InShed { get; set; }
            public int OnRoute { get; set; }
        }

        public sealed class DepotPoller
        {
            private readonly object _statusGate = new();

            public DepotStatus Status { get; } = new();

            public async Task PollAsync(Func<Task<(int Shed, int Route)>> count, CancellationToken token)
            {
                while (!token.IsCancellationRequested)
                {
                    var (shed, route) = await count();
                    {|#1:lock|} (_statusGate)
                    {
                        {|#0:Status.InShed = shed|};
                        Status.OnRoute = route;
                    }
                }
            }

            public T Read<T>(Func<DepotStatus, T> read)
            {
                lock (_statusGate)
                {
                    return read(Status);
                }
            }
        }
        """;

    private static Task VerifyAsync(string reader, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Test();
        test.TestState.Sources.Add(expected.Length > 0 ? Poller : Poller.Replace("{|#0:", string.Empty).Replace("{|#1:lock|}", "lock").Replace("shed|};", "shed;"));
        test.TestState.Sources.Add(reader);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task A_reader_in_another_type_that_locks_the_object_instead_is_reported_at_the_write()
        => VerifyAsync(
            """
            public sealed class StatusReporter
            {
                private readonly DepotPoller _poller;

                public StatusReporter(DepotPoller poller) => _poller = poller;

                public string Describe()
                {
                    var status = _poller.Status;
                    lock (status)
                    {
                        return $"{status.OnRoute}/{status.InShed + status.OnRoute} out";
                    }
                }
            }
            """,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "Status.InShed", "PollAsync",
                "the lock it holds, '_statusGate', is private to 'DepotPoller', yet 'Status' hands the object to other types: 'Describe' in 'StatusReporter' reads 'InShed' (line 12) without that lock, so it can see some members of an update and not others (hand out a copy made under the lock, or a member that reads under it)"));

    [Fact]
    public Task A_direct_read_through_the_property_is_reported()
        => VerifyAsync(
            """
            public sealed class Board
            {
                public int Total(DepotPoller poller) => poller.Status.InShed + 1;
            }
            """,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "Status.InShed", "PollAsync",
                "the lock it holds, '_statusGate', is private to 'DepotPoller', yet 'Status' hands the object to other types: 'Total' in 'Board' reads 'InShed' (line 3) without that lock, so it can see some members of an update and not others (hand out a copy made under the lock, or a member that reads under it)"));

    [Fact]
    public Task A_reader_that_reads_through_the_writers_locking_member_is_silent()
        => VerifyAsync(
            """
            public sealed class Board
            {
                public int Total(DepotPoller poller) => poller.Read(s => s.InShed + s.OnRoute);
                public int Shed(DepotPoller poller) => poller.Read(s => poller.Status.InShed);
            }
            """);

    [Fact]
    public Task An_object_no_other_type_reads_is_silent()
        => VerifyAsync(
            """
            public sealed class Board
            {
                public DepotStatus Replace(DepotPoller poller) { poller.Status.InShed = 0; return new DepotStatus(); }
            }
            """);
}
