using Forklift.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using InconsistentVerify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.InconsistentSynchronizationAnalyzer>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A member whose own documentation says it is used before the object starts (websocket-sharp's
/// <c>SslConfiguration</c> getters, "it must be configured before the start method is called"; see docs/real-code.md,
/// session 73) is set-up: it runs beside nothing, as a constructor does.
/// </summary>
public class DocumentedSetUpTests
{
    private const string Server = """
        public sealed class SslConfig
        {
            public string? Certificate { get; set; }
        }

        public sealed class Server
        {
            private readonly object _sync = new();
            private SslConfig? _sslConfig;
            private SslConfig? _inUse;
            private bool _listening;

            /// <summary>Gets the configuration for secure connections.</summary>
            /// <remarks>REMARKS</remarks>
            public SslConfig SslConfiguration => GetSslConfiguration();

            public bool IsListening
            {
                get
                {
                    lock (_sync)
                    {
                        return _listening;
                    }
                }
            }

            public void Start()
            {
                lock (_sync)
                {
                    _inUse = new SslConfig { Certificate = GetSslConfiguration().Certificate };
                    _listening = true;
                }
            }

            private SslConfig GetSslConfiguration()
            {
                if (_sslConfig == null)
                {
                    {|#0:_sslConfig = new SslConfig()|};
                }

                return _sslConfig;
            }
        }
        """;

    [Theory]
    [InlineData("The configuration is used when the server attempts to start,\n/// so it must be configured before the start method is called.")]
    [InlineData("It must be configured before any connect method is called.")]
    [InlineData("This property should be set before <see cref=\"Start\"/> is called.")]
    public Task A_member_documented_for_use_before_the_start_runs_beside_nothing(string remarks)
        => SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(Server.Replace("REMARKS", remarks)));

    [Theory]
    [InlineData("The configuration is used when the server attempts to start.")]
    [InlineData("It must be disposed before the process exits.")]
    [InlineData("Set it before or after the start: it is read under the lock.")]
    public Task A_member_whose_documentation_sets_no_order_before_the_start_may_run_at_once(string remarks)
        => InconsistentVerify.VerifyAnalyzerAsync(
            Server.Replace("REMARKS", remarks),
            InconsistentVerify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithArguments("_sslConfig", "written", "_sync", "in 'GetSslConfiguration' (3 of 6 accesses)",
                    "'GetSslConfiguration' may run on several threads at once: 'Server' synchronizes its own state ('IsListening' locks '_sync')"));
}
