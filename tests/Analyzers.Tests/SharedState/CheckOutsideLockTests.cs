using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.InconsistentSynchronizationAnalyzer>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A check outside the lock that decides an update made under it (set ah R04: a token bucket that tests its tokens
/// before taking the lock to spend one): two callers can both pass the check on the last token.
/// </summary>
public class CheckOutsideLockTests
{
    private static string Bucket(string acquire) => $$"""
        using System;
        using System.Threading;

        /// <summary>Limits bookings; registered as a singleton and consulted by every request.</summary>
        public sealed class {|#1:BookingLimiter|}
        {
            private readonly object _gate = new();
            private double _tokens = 10;
            private long _rejected;

            public long Rejected => Interlocked.Read(ref _rejected);

            public void Refill(double amount)
            {
                lock (_gate)
                {
                    _tokens = Math.Min(10, _tokens + amount);
                }
            }

            public bool TryAcquire()
            {
        {{acquire}}
            }
        }
        """;

    [Fact]
    public Task A_check_before_the_lock_that_spends_a_token_is_reported()
        => Verify.VerifyAnalyzerAsync(
            Bucket("""
                    if ({|#0:_tokens|} < 1)
                    {
                        Interlocked.Increment(ref _rejected);
                        return false;
                    }

                    lock (_gate)
                    {
                        _tokens -= 1;
                    }

                    return true;
            """),
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_tokens", "checked", "_gate", "in 'Refill' (3 of 4 accesses)",
                "'TryAcquire' may run on several threads at once: 'BookingLimiter' is documented as shared (\"registered as a singleton\"); the check decides the update at line 31, which takes '_gate' only after it, so another caller can change '_tokens' in between (check it again under the lock)"));

    [Fact]
    public Task A_check_whose_branch_takes_the_lock_is_reported()
        => Verify.VerifyAnalyzerAsync(
            Bucket("""
                    if ({|#0:_tokens|} >= 1)
                    {
                        lock (_gate)
                        {
                            _tokens -= 1;
                        }

                        return true;
                    }

                    return false;
            """),
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_tokens", "checked", "_gate", "in 'Refill' (3 of 4 accesses)",
                "'TryAcquire' may run on several threads at once: 'BookingLimiter' is documented as shared (\"registered as a singleton\"); the check decides the update at line 27, which takes '_gate' only after it, so another caller can change '_tokens' in between (check it again under the lock)"));

    [Fact]
    public Task A_check_repeated_under_the_lock_is_silent()
        => Verify.VerifyAnalyzerAsync(Bucket("""
                    if (_tokens < 1)
                    {
                        return false;
                    }

                    lock (_gate)
                    {
                        if (_tokens < 1)
                        {
                            return false;
                        }

                        _tokens -= 1;
                    }

                    return true;
            """).Replace("{|#1:BookingLimiter|}", "BookingLimiter"));

    [Fact]
    public Task A_check_that_decides_no_update_under_the_lock_is_silent()
        => Verify.VerifyAnalyzerAsync(Bucket("""
                    if (_tokens < 1)
                    {
                        Interlocked.Increment(ref _rejected);
                    }

                    return true;
            """).Replace("{|#1:BookingLimiter|}", "BookingLimiter"));
}
