using RiskEngine.Core.Hashing;

namespace RiskEngine.Core.Signals.SignIn;

/// <summary>
/// What each source address did across identities in its current window: failures, successes and the accounts it
/// failed on. A fixed table, four-way set-associative: an address may sit in one of four slots chosen by its hash,
/// and a new one takes the slot of the four seen longest ago. Memory is fixed at construction (allocated on first
/// use), however many addresses pass. Changed only from the scoring stage's thread, like the rest of the context.
/// </summary>
public sealed class SourceAddressActivity
{
    private const int Ways = 4;

    private readonly int _sets;
    private readonly int _accountsPerAddress;
    private UInt128[]? _addresses;
    private long[]? _windowStarts;
    private long[]? _lastSeen;
    private int[]? _failures;
    private int[]? _successes;
    private int[]? _accountCounts;
    private uint[]? _accounts;

    /// <param name="capacity">Addresses tracked; rounded up to a power of two.</param>
    /// <param name="accountsPerAddress">Distinct accounts remembered per address: the threshold is all that must be counted.</param>
    public SourceAddressActivity(int capacity, int accountsPerAddress)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, Ways);
        ArgumentOutOfRangeException.ThrowIfLessThan(accountsPerAddress, 1);
        _sets = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity) / Ways;
        _accountsPerAddress = accountsPerAddress;
    }

    /// <summary>How many distinct accounts are remembered per address; a count at this may be more.</summary>
    public int AccountsPerAddress => _accountsPerAddress;

    /// <summary>What <paramref name="address"/> did in the window that holds <paramref name="at"/>, before this event.</summary>
    public bool TryGet(UInt128 address, DateTimeOffset at, TimeSpan window, uint accountKey, out AddressActivity activity)
    {
        activity = default;
        var slot = Find(address);
        if (slot < 0 || Expired(slot, at, window))
        {
            return false;
        }

        var accounts = Accounts(slot);
        activity = new AddressActivity(
            new DateTimeOffset(_windowStarts![slot], TimeSpan.Zero),
            _failures![slot],
            _successes![slot],
            accounts.Length,
            accountKey != StableHash.None && accounts.Contains(accountKey));
        return true;
    }

    public void Record(UInt128 address, uint accountKey, bool succeeded, DateTimeOffset at, TimeSpan window)
    {
        EnsureAllocated();
        var slot = Find(address);
        if (slot < 0)
        {
            slot = Victim(address);
            _addresses![slot] = address;
            Reset(slot, at);
        }
        else if (Expired(slot, at, window))
        {
            Reset(slot, at);
        }

        _lastSeen![slot] = Math.Max(_lastSeen[slot], at.UtcTicks);
        if (succeeded)
        {
            _successes![slot]++;
            return;
        }

        _failures![slot]++;
        var count = _accountCounts![slot];
        if (accountKey != StableHash.None && count < _accountsPerAddress && !Accounts(slot).Contains(accountKey))
        {
            _accounts![(slot * _accountsPerAddress) + count] = accountKey;
            _accountCounts[slot] = count + 1;
        }
    }

    private ReadOnlySpan<uint> Accounts(int slot) => _accounts.AsSpan(slot * _accountsPerAddress, _accountCounts![slot]);

    private bool Expired(int slot, DateTimeOffset at, TimeSpan window) => at.UtcTicks - _windowStarts![slot] > window.Ticks;

    private void Reset(int slot, DateTimeOffset at)
    {
        _windowStarts![slot] = at.UtcTicks;
        _lastSeen![slot] = at.UtcTicks;
        (_failures![slot], _successes![slot], _accountCounts![slot]) = (0, 0, 0);
    }

    private int Find(UInt128 address)
    {
        if (_addresses is null)
        {
            return -1;
        }

        var first = SetOf(address) * Ways;
        for (var slot = first; slot < first + Ways; slot++)
        {
            if (_lastSeen![slot] != 0 && _addresses[slot] == address)
            {
                return slot;
            }
        }

        return -1;
    }

    /// <summary>An empty slot of the address's set, else the one seen longest ago.</summary>
    private int Victim(UInt128 address)
    {
        var first = SetOf(address) * Ways;
        var victim = first;
        for (var slot = first; slot < first + Ways; slot++)
        {
            if (_lastSeen![slot] == 0)
            {
                return slot;
            }

            if (_lastSeen[slot] < _lastSeen[victim])
            {
                victim = slot;
            }
        }

        return victim;
    }

    private int SetOf(UInt128 address) => (int)(StableHash.Of(address) & (uint)(_sets - 1));

    private void EnsureAllocated()
    {
        if (_addresses is not null)
        {
            return;
        }

        var slots = _sets * Ways;
        _addresses = new UInt128[slots];
        _windowStarts = new long[slots];
        _lastSeen = new long[slots];
        _failures = new int[slots];
        _successes = new int[slots];
        _accountCounts = new int[slots];
        _accounts = new uint[slots * _accountsPerAddress];
    }
}
