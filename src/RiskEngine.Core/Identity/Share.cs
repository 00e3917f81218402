using System.Globalization;

namespace RiskEngine.Core.Identity;

/// <summary>How many of the sign-ins that said something (<see cref="Known"/>) said yes (<see cref="Matching"/>).</summary>
public readonly record struct Share(int Known, int Matching)
{
    public double Fraction => Known == 0 ? 0 : (double)Matching / Known;

    /// <summary>"48 of 50".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Matching} of {Known}");
}
