using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;
using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<Forklift.Analyzers.SharedState.PublishedBeforeFilledAnalyzer, Forklift.CodeFixes.SharedState.PublishedBeforeFilledCodeFix>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// FL1007 for a double-checked creation split over two methods (blind set bn R08): a caller reads the field with no
/// lock (<c>_connection ?? await ConnectAsync(ct)</c>), and the private method it calls checks again under a semaphore
/// or a lock, returns early when the field is set, and otherwise stores the new connection before opening it.
/// </summary>
public class SplitDoubleCheckTests
{
    private const string Connection = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class KilnConnection
        {
            private string? _line;
            public async Task OpenAsync(CancellationToken ct) { await Task.Delay(1, ct); _line = "open"; }
            public Task<string> QueryAsync(string command, CancellationToken ct) => Task.FromResult(_line + command);
        }

        """;

    private const string Client = """
        public sealed class KilnSensorClient
        {
            private readonly SemaphoreSlim _connectLock = new(1, 1);
            private readonly object _gate = new();
            private KilnConnection? _connection;

            public async Task<string> ReadAsync(int kiln, CancellationToken ct = default)
            {
                CALLER
                return await connection.QueryAsync("TEMP " + kiln, ct);
            }

            private async Task<KilnConnection> ConnectAsync(CancellationToken ct)
            {
                await _connectLock.WaitAsync(ct);
                try
                {
                    if (_connection is not null)
                    {
                        return _connection;
                    }

                    CREATE
                    return _connection;
                }
                finally
                {
                    _connectLock.Release();
                }
            }
        }
        """;

    private const string Coalesce = "var connection = {|#2:_connection|} ?? await ConnectAsync(ct);";

    private const string PublishThenOpen = """
        {|#0:_connection = new KilnConnection()|};
                    await {|#1:_connection.OpenAsync(ct)|};
        """;

    private static string Source(string caller, string create)
        => Connection + Client.Replace("CALLER", caller).Replace("CREATE", create);

    [Fact]
    public Task Connection_stored_before_it_is_opened_under_a_semaphore_is_reported()
        => Verify.VerifyAnalyzerAsync(
            Source(Coalesce, PublishThenOpen),
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_connection", "'OpenAsync' runs on it after the unlocked check", "19"));

    [Fact]
    public Task Fill_followed_by_a_return_of_the_field_gets_no_fix()
        => Verify.VerifyCodeFixAsync(
            Source(Coalesce, PublishThenOpen),
            [Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("_connection", "'OpenAsync' runs on it after the unlocked check", "19")],
            Source(Coalesce, PublishThenOpen));

    [Fact]
    public Task Early_return_check_in_the_caller_is_the_unlocked_check_too()
        => Verify.VerifyAnalyzerAsync(
            Source("if ({|#2:_connection != null|}) return await _connection.QueryAsync(\"TEMP \" + kiln, ct);\n        var connection = await ConnectAsync(ct);", PublishThenOpen),
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_connection", "'OpenAsync' runs on it after the unlocked check", "19"));

    [Fact]
    public Task Connection_opened_in_a_local_and_stored_last_is_quiet()
        => Verify.VerifyAnalyzerAsync(SharedStateSilence.Unmarked(Source(Coalesce, """
            var opened = new KilnConnection();
                        await opened.OpenAsync(ct);
                        _connection = opened;
            """)));

    [Fact]
    public Task Caller_that_reads_the_field_only_through_the_locked_method_is_quiet()
        => Verify.VerifyAnalyzerAsync(SharedStateSilence.Unmarked(Source("var connection = await ConnectAsync(ct);", PublishThenOpen)));

    [Fact]
    public Task Caller_that_checks_under_the_semaphore_is_quiet()
        => Verify.VerifyAnalyzerAsync(SharedStateSilence.Unmarked(Source(
            "KilnConnection connection; await _connectLock.WaitAsync(ct); try { connection = _connection ?? await ConnectAsync(ct); } finally { _connectLock.Release(); }",
            PublishThenOpen)));

    [Fact]
    public Task Cancellation_source_published_before_its_token_gets_a_callback_is_quiet()
        // Foundatio's job runner: the shutdown source is complete when created; registering the watcher's cleanup on its
        // token afterwards changes nothing a caller of 'Token' needs.
        => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;

            public static class Shutdown
            {
                private static readonly object s_gate = new();
                private static CancellationTokenSource? s_cts;

                public static CancellationToken Get()
                {
                    if (s_cts != null) return s_cts.Token;
                    lock (s_gate)
                    {
                        if (s_cts != null) return s_cts.Token;
                        s_cts = new CancellationTokenSource();
                        s_cts.Token.Register(() => Console.WriteLine("stopping"));
                        return s_cts.Token;
                    }
                }
            }
            """);

    [Fact]
    public Task Early_return_under_a_lock_statement_is_reported()
        => Verify.VerifyAnalyzerAsync(
            Connection + """
            public sealed class Registry
            {
                private readonly object _gate = new();
                private KilnConnection? _connection;

                public KilnConnection Current => {|#2:_connection|} ?? Create();

                private KilnConnection Create()
                {
                    lock (_gate)
                    {
                        if (_connection != null) return _connection;
                        {|#0:_connection = new KilnConnection()|};
                        {|#1:_connection.OpenAsync(CancellationToken.None)|}.Wait();
                        return _connection;
                    }
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2)
                .WithArguments("_connection", "'OpenAsync' runs on it after the unlocked check", "16"));
}
