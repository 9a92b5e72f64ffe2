// Package lapkit holds the data model shared by every lapkit package: an
// [Activity] recorded by a GPS watch or phone, its [Sample] stream, the [Lap]s
// the device wrote, timer [Pause]s, the [Session]s of a multisport file and
// the [Workout] a structured session was run from.
//
// The package does no I/O. The decoders live in sub-packages, one per file
// format (fit, gpx, tcx), and package open sniffs the format of any file;
// splits and analysis compute on the model.
//
// Units are SI throughout and named once, in the field comments: metres,
// seconds as [time.Duration], m/s, bpm, steps/min, watts. A value that was not
// recorded is NaN, never 0.
package lapkit

// Standard distances, in metres.
const (
	QuarterMile = 402.336  // metres in a quarter mile
	Mile        = 1609.344 // metres in an international mile
	Kilometre   = 1000.0   // metres in a kilometre
)
