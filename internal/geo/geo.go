// Package geo holds the one earth model lapkit uses to turn positions into
// distances.
package geo

import "math"

// EarthRadius is the mean radius of the earth (IUGG R1), in metres. A sphere
// of this radius is within 0.5 % of the WGS84 ellipsoid for any distance, and
// within 0.2 % along the north-south and east-west runs of a track at
// mid latitudes; GPS noise on a track (380-430 m for a 400 m lap) dwarfs it.
const EarthRadius = 6371008.8 // metres

const rad = math.Pi / 180

// Distance returns the great-circle distance in metres between two positions
// given in degrees, by the haversine formula on a sphere of EarthRadius.
// It is NaN when any coordinate is NaN.
func Distance(lat1, lon1, lat2, lon2 float64) float64 {
	φ1, φ2 := lat1*rad, lat2*rad
	dφ := φ2 - φ1
	dλ := (lon2 - lon1) * rad
	s1 := math.Sin(dφ / 2)
	s2 := math.Sin(dλ / 2)
	h := s1*s1 + math.Cos(φ1)*math.Cos(φ2)*s2*s2
	if h > 1 {
		h = 1
	}
	return 2 * EarthRadius * math.Asin(math.Sqrt(h))
}

// Offset returns the position d metres from (lat, lon) along the initial
// bearing brg (radians clockwise from north), on the same sphere.
func Offset(lat, lon, d, brg float64) (float64, float64) {
	φ1, λ1 := lat*rad, lon*rad
	δ := d / EarthRadius
	φ2 := math.Asin(math.Sin(φ1)*math.Cos(δ) + math.Cos(φ1)*math.Sin(δ)*math.Cos(brg))
	λ2 := λ1 + math.Atan2(math.Sin(brg)*math.Sin(δ)*math.Cos(φ1), math.Cos(δ)-math.Sin(φ1)*math.Sin(φ2))
	return φ2 / rad, λ2 / rad
}
